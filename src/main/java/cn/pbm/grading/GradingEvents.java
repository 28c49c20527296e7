package cn.pbm.grading;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.GradingApi;
import cn.pbm.api.model.EvaluationGradeDecision;
import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.EventBridge;
import cn.pbm.platform.InvalidRequestException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 绩效评价等级 on events (docs/events.md): one project per request event on {@code pbm.grading.evaluation.requests},
 * data = the REST body ({@code score}) plus the {@code projectId} it is about; decided by the same service as
 * {@code POST /api/v1/grading/evaluation}; answered on {@code pbm.grading.evaluation.decisions} with the REST
 * answer and the project id.
 */
@ApplicationScoped
public class GradingEvents implements EventBridge.Family {

    static final int MAX_PROJECT_ID = 100;

    private final EventBridge bridge;
    private final GradingApi service;
    private final ObjectMapper mapper;
    private final Emitter<String> decisions;

    public GradingEvents(EventBridge bridge, GradingApi service,
            @Channel("grading-decisions") Emitter<String> decisions) {
        this.bridge = bridge;
        this.service = service;
        this.mapper = bridge.json();
        this.decisions = decisions;
    }

    /** One event after another on a worker thread: answers leave in arrival order. */
    @Incoming("grading-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> request) {
        return bridge.handle(request, this, decisions);
    }

    @Override
    public String requestType() {
        return "cn.pbm.grading.evaluation.request";
    }

    @Override
    public String decisionType() {
        return "cn.pbm.grading.evaluation.decision";
    }

    @Override
    public String endpoint() {
        return "/api/v1/grading/evaluation";
    }

    /** The project id is the event's own (the key); the rest is the REST body. */
    @Override
    public Object body(ObjectNode data) throws JsonProcessingException {
        JsonNode projectId = data.remove("projectId");
        if (projectId == null || projectId.isNull()) {
            throw new InvalidRequestException("/projectId", "must not be null");
        }
        if (!projectId.isTextual() || projectId.asText().isEmpty() || projectId.asText().length() > MAX_PROJECT_ID) {
            throw new InvalidRequestException("/projectId", "must be a string of 1 to " + MAX_PROJECT_ID + " characters");
        }
        return mapper.treeToValue(data, ScoreRequest.class);
    }

    @Override
    public Object decide(Object body) {
        return service.gradeEvaluation((ScoreRequest) body, false);
    }

    @Override
    public ObjectNode answer(Object restAnswer) {
        EvaluationGradeDecision decision = (EvaluationGradeDecision) restAnswer;
        ObjectNode answer = mapper.valueToTree(decision);
        answer.remove("explanation");
        return answer;
    }

    @Override
    public String pointer(String restPointer) {
        return "/data" + restPointer;
    }
}
