package cn.pbm.warning;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.MonitoringApi;
import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.platform.EventBridge;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.inject.Singleton;

/**
 * 绩效运行监控预警 on events (docs/events.md): one project per request event on {@code pbm.monitoring.requests},
 * data = the REST body's project plus {@code asOf}; decided by the same method as
 * {@code POST /api/v1/monitoring/warnings}, as a one-project list; answered on {@code pbm.monitoring.decisions}
 * with that project's result, its {@code decisionId} and {@code ruleset}.
 */
@Singleton
public class WarningEvents extends EventBridge.Family {

    static final String PROJECTS_0 = "/projects/0";

    private final MonitoringApi warnings;

    public WarningEvents(EventBridge bridge, MonitoringApi warnings,
            @Channel("monitoring-decisions") Emitter<String> decisions) {
        super(bridge, decisions, "cn.pbm.monitoring.request", "cn.pbm.monitoring.decision",
                "/api/v1/monitoring/warnings");
        this.warnings = warnings;
    }

    /** One event after another on a worker thread: answers leave in arrival order. */
    @Incoming("monitoring-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> request) {
        return handle(request);
    }

    /** The event's project as the one project of a list, with the event's {@code asOf}. */
    @Override
    protected Object body(ObjectNode data) throws JsonProcessingException {
        ObjectNode body = json().createObjectNode();
        JsonNode asOf = data.remove("asOf");
        if (asOf != null) {
            body.set("asOf", asOf);
        }
        body.putArray("projects").add(data);
        return json().treeToValue(body, MonitoringRequest.class);
    }

    @Override
    protected Object decide(Object body) {
        return warnings.monitoringWarnings((MonitoringRequest) body, false);
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
