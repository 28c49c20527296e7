package cn.pbm.grading;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.GradingApi;
import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.EventBridge;
import cn.pbm.platform.InvalidRequestException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.inject.Singleton;

/**
 * 绩效评价等级 on events (docs/events.md): one project per request event on {@code pbm.grading.evaluation.requests},
 * data = the REST body ({@code score}) plus the {@code projectId} it is about; decided by the same method as
 * {@code POST /api/v1/grading/evaluation}; answered on {@code pbm.grading.evaluation.decisions} with the REST
 * answer and the project id.
 */
@Singleton
public class GradingEvents extends EventBridge.Family {

    static final int MAX_PROJECT_ID = 100;

    private final GradingApi grading;

    public GradingEvents(EventBridge bridge, GradingApi grading,
            @Channel("grading-decisions") Emitter<String> decisions) {
        super(bridge, decisions, "cn.pbm.grading.evaluation.request", "cn.pbm.grading.evaluation.decision",
                "/api/v1/grading/evaluation");
        this.grading = grading;
    }

    /** One event after another on a worker thread: answers leave in arrival order. */
    @Incoming("grading-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> request) {
        return handle(request);
    }

    /** The project id is the event's own (the key); the rest is the REST body. */
    @Override
    protected Object body(ObjectNode data) throws JsonProcessingException {
        JsonNode projectId = data.remove("projectId");
        if (projectId == null || projectId.isNull()) {
            throw new InvalidRequestException("/projectId", "must not be null");
        }
        if (!projectId.isTextual() || projectId.asText().isEmpty() || projectId.asText().length() > MAX_PROJECT_ID) {
            throw new InvalidRequestException("/projectId", "must be a string of 1 to " + MAX_PROJECT_ID + " characters");
        }
        return json().treeToValue(data, ScoreRequest.class);
    }

    @Override
    protected Object decide(Object body) {
        return grading.gradeEvaluation((ScoreRequest) body, false);
    }

    /** The REST answer as it is, without an explanation. */
    @Override
    protected ObjectNode answer(Object restAnswer) {
        ObjectNode answer = json().valueToTree(restAnswer);
        answer.remove("explanation");
        return answer;
    }
}
