package cn.pbm.platform;

import java.time.OffsetDateTime;
import java.util.List;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import cn.pbm.api.model.DecisionLogEntry;
import cn.pbm.api.model.Explanation;
import cn.pbm.api.model.FieldError;
import cn.pbm.api.model.Problem;
import io.quarkus.arc.ClientProxy;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * The audit trail around every decision endpoint, in one place: asks the engines for an explanation when
 * the caller wants one ({@code ?explain=true}, as {@link ProtocolChecks} read it) or the decision log records
 * it; once the family has answered, fills the answer's envelope from the call's {@link Decision}
 * ({@link DecisionEnvelopes}, typed), writes the decision-log line (rejected requests are logged without their
 * bodies) with the call's trace id, adds the explanation when asked, and records the call in the
 * {@link DecisionMetrics}.
 */
public class AuditTrail {

    static final String DECISION_ENDPOINTS = "/api/v1/";
    static final String REPLAY_ENDPOINT = "/api/v1/decisions/replay";
    static final String SIMULATION_ENDPOINT = "/api/v1/simulations";

    private final DecisionRecord record;
    private final Evaluations evaluations;
    private final DecisionEnvelopes envelopes;
    private final DecisionLog log;
    private final boolean logExplanations;
    @Inject
    CurrentVertxRequest http; // who called: the identity authentication put on the request, if any

    private final DecisionMetrics metrics;

    public AuditTrail(DecisionRecord record, Evaluations evaluations, DecisionEnvelopes envelopes, DecisionLog log,
            PbmConfig config, DecisionMetrics metrics) {
        boolean logExplanations = config.decisionLog().explanations();
        this.record = record;
        this.evaluations = evaluations;
        this.envelopes = envelopes;
        this.log = log;
        this.logExplanations = logExplanations;
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public void beforeDecision(ContainerRequestContext request) {
        if (isDecisionEndpoint(request)) {
            DecisionRecord record = ClientProxy.unwrap(this.record); // this call's: looked up once, not per use
            record.started(System.nanoTime());
            if (logExplanations && log.enabled()) {
                record.explainForLog();
                record.explanationForLogOnly(log.maxBodyBytes()); // bounds only an explanation the caller did not ask for
            }
        }
    }

    @ServerResponseFilter
    public void afterDecision(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isDecisionEndpoint(request)) {
            return;
        }
        DecisionRecord record = ClientProxy.unwrap(this.record); // this call's: looked up once, not per use (issue 19)
        if (record.replaying() || record.simulating()) {
            return;
        }
        String endpoint = request.getUriInfo().getPath();
        boolean success = response.getStatus() < 300;
        Decision decision = evaluations.decision();
        metrics.answered(endpoint, response.getStatus(), record.startedNanos(), record.input(), decision);
        String traceId = traceId();
        if (success && decision.decided()) {
            envelopes.fill(response.getEntity(), endpoint, record.decisionId(), decision);
            Span.current().setAttribute("pbm.decision_id", record.decisionId().toString());
            Span.current().setAttribute("pbm.rulesets", decision.rulesets().stream()
                    .map(r -> r.getId() + "@" + r.getVersion()).collect(java.util.stream.Collectors.joining(",")));
            Explanation explanation = record.explaining() ? decision.explanation() : null;
            byte[] written = null;
            if (log.enabled()) {
                written = log.write(new DecisionLogEntry()
                        .decisionId(record.decisionId())
                        .timestamp(OffsetDateTime.now())
                        .endpoint(endpoint)
                        .status(response.getStatus())
                        .caller(Roles.callerOfDecision(http.getCurrent()))
                        .outcome(DecisionLogEntry.OutcomeEnum.DECIDED)
                        .rulesets(decision.rulesets())
                        .traceId(traceId),
                        record.input(), response.getEntity(), explanation, record.explanationOmitted());
            }
            if (record.explanationAsked()) {
                envelopes.explain(response.getEntity(), decision);
            } else if (written != null) { // the answer as the line has it, the same bytes: not serialised twice
                response.setEntity(written, response.getEntityAnnotations(), response.getMediaType());
            }
        } else if (!success && log.enabled()) {
            List<FieldError> errors = response.getEntity() instanceof Problem problem ? problem.getErrors() : null;
            log.write(new DecisionLogEntry()
                    .timestamp(OffsetDateTime.now())
                    .endpoint(endpoint)
                    .status(response.getStatus())
                    .caller(Roles.callerOfDecision(http.getCurrent()))
                    .outcome(DecisionLogEntry.OutcomeEnum.REJECTED)
                    .traceId(traceId)
                    .errors(errors == null ? null : errors.stream()
                            .map(e -> new FieldError().field(e.getField()).message(e.getMessage())).toList()),
                    null, null, null);
        }
    }

    /** The trace id of the call's span (docs/operations.md), or null when tracing is switched off. */
    private static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    private static boolean isDecisionEndpoint(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return "POST".equals(request.getMethod()) && path.startsWith(DECISION_ENDPOINTS)
                && !path.equals(REPLAY_ENDPOINT) && !path.startsWith(SIMULATION_ENDPOINT);
    }
}
