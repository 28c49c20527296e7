package cn.pbm.warning;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.platform.EventBridge;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 绩效运行监控预警 on events (docs/events.md): one project per request event on {@code pbm.monitoring.requests},
 * data = the REST body's project plus {@code asOf}; decided by the same service as
 * {@code POST /api/v1/monitoring/warnings}, as a one-project list; answered on {@code pbm.monitoring.decisions}
 * with that project's result, its {@code decisionId} and {@code ruleset}.
 */
@ApplicationScoped
public class WarningEvents implements EventBridge.Family {

    static final String PROJECTS_0 = "/projects/0";

    private final EventBridge bridge;
    private final WarningService service;
    private final ObjectMapper mapper;
    private final Emitter<String> decisions;

    public WarningEvents(EventBridge bridge, WarningService service,
            @Channel("monitoring-decisions") Emitter<String> decisions) {
        this.bridge = bridge;
        this.service = service;
        this.mapper = bridge.json();
        this.decisions = decisions;
    }

    /** One event after another on a worker thread: answers leave in arrival order. */
    @Incoming("monitoring-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> onRequest(Message<String> request) {
        return bridge.handle(request, this, decisions);
    }

    @Override
    public String requestType() {
        return "cn.pbm.monitoring.request";
    }

    @Override
    public String decisionType() {
        return "cn.pbm.monitoring.decision";
    }

    @Override
    public String endpoint() {
        return "/api/v1/monitoring/warnings";
    }

    @Override
    public Object body(ObjectNode data) throws JsonProcessingException {
        ObjectNode body = mapper.createObjectNode();
        JsonNode asOf = data.remove("asOf");
        if (asOf != null) {
            body.set("asOf", asOf);
        }
        body.putArray("projects").add(data);
        return mapper.treeToValue(body, MonitoringRequest.class);
    }

    @Override
    public Object decide(Object body) {
        return service.monitoringWarnings((MonitoringRequest) body);
    }

    @Override
    public ObjectNode answer(Object restAnswer) {
        MonitoringDecision decision = (MonitoringDecision) restAnswer;
        ObjectNode answer = mapper.createObjectNode();
        answer.put("decisionId", String.valueOf(decision.getDecisionId()));
        answer.set("ruleset", mapper.valueToTree(decision.getRuleset()));
        answer.setAll((ObjectNode) mapper.valueToTree(decision.getResults().get(0)));
        return answer;
    }

    @Override
    public String pointer(String restPointer) {
        if (restPointer.equals(PROJECTS_0) || restPointer.startsWith(PROJECTS_0 + "/")) {
            return "/data" + restPointer.substring(PROJECTS_0.length());
        }
        return "/data" + restPointer;
    }
}
