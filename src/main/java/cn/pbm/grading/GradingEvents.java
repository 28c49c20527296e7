package cn.pbm.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.GradingApi;
import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.EventBridge;
import cn.pbm.platform.InvalidRequestException;
import jakarta.inject.Singleton;

/**
 * 绩效评价等级 on events (docs/events.md; topics, types and endpoint in {@code pbm.events.families.grading.*}):
 * one project per request event, data = the REST body ({@code score}) plus the {@code projectId} it is about;
 * decided by the same method as {@code POST /api/v1/grading/evaluation}; answered with the REST answer and the
 * project id.
 */
@Singleton
public class GradingEvents extends EventBridge.Family<ScoreRequest> {

    static final int MAX_PROJECT_ID = 100;

    GradingEvents(GradingApi grading) {
        super(ScoreRequest.class, body -> grading.gradeEvaluation(body, false));
    }

    /** The project id is the event's own (the key); the rest is the REST body. */
    @Override
    protected JsonNode body(ObjectNode data) {
        JsonNode projectId = data.remove("projectId");
        if (projectId == null || projectId.isNull()) {
            throw new InvalidRequestException("/projectId", "must not be null");
        }
        if (!projectId.isTextual() || projectId.asText().isEmpty() || projectId.asText().length() > MAX_PROJECT_ID) {
            throw new InvalidRequestException("/projectId", "must be a string of 1 to " + MAX_PROJECT_ID + " characters");
        }
        return data;
    }

    /** The REST answer as it is, without an explanation. */
    @Override
    protected ObjectNode answer(Object restAnswer) {
        ObjectNode answer = json().valueToTree(restAnswer);
        answer.remove("explanation");
        return answer;
    }
}
