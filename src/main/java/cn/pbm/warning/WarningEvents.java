package cn.pbm.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.MonitoringApi;
import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.platform.EventBridge;
import jakarta.inject.Singleton;

/**
 * 绩效运行监控预警 on events (docs/events.md; topics, types and endpoint in {@code pbm.events.families.warning.*}):
 * one project per request event, data = the REST body's project plus {@code asOf}; decided by the same method as
 * {@code POST /api/v1/monitoring/warnings}, as a one-project list; answered with that project's result, its
 * {@code decisionId} and {@code ruleset}.
 */
@Singleton
public class WarningEvents extends EventBridge.Family<MonitoringRequest> {

    static final String PROJECTS_0 = "/projects/0";

    WarningEvents(MonitoringApi warnings) {
        super(MonitoringRequest.class, body -> warnings.monitoringWarnings(body, false));
    }

    /** The event's project as the one project of a list, with the event's {@code asOf}. */
    @Override
    protected JsonNode body(ObjectNode data) {
        ObjectNode body = json().createObjectNode();
        JsonNode asOf = data.remove("asOf");
        if (asOf != null) {
            body.set("asOf", asOf);
        }
        body.putArray("projects").add(data);
        return body;
    }

    /** The one project's result, after the envelope's decisionId and ruleset. */
    @Override
    protected ObjectNode answer(Object restAnswer) {
        MonitoringDecision decision = (MonitoringDecision) restAnswer;
        ObjectNode answer = json().createObjectNode();
        answer.put("decisionId", String.valueOf(decision.getDecisionId()));
        answer.set("ruleset", json().valueToTree(decision.getRuleset()));
        answer.setAll((ObjectNode) json().valueToTree(decision.getResults().get(0)));
        return answer;
    }

    /** {@code /projects/0/budget} of the body is {@code /data/budget} of the event. */
    @Override
    protected String pointer(String restPointer) {
        if (restPointer.equals(PROJECTS_0) || restPointer.startsWith(PROJECTS_0 + "/")) {
            return super.pointer(restPointer.substring(PROJECTS_0.length()));
        }
        return super.pointer(restPointer);
    }
}
