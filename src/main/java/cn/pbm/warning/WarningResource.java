package cn.pbm.warning;

import cn.pbm.api.MonitoringApi;
import cn.pbm.api.model.MonitoringDecision;
import cn.pbm.api.model.MonitoringRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * The JAX-RS face of this family: it implements the generated contract ({@link MonitoringApi}), names the decision
 * endpoints' security policy and hands the request to {@link WarningService}, which checks, decides and answers.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class WarningResource implements MonitoringApi {

    private final WarningService service;

    public WarningResource(WarningService service) {
        this.service = service;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset(value = "warning.execution-monitoring", listsAll = false)
    public MonitoringDecision monitoringWarnings(MonitoringRequest request, Boolean explain) {
        return service.monitoringWarnings(request);
    }
}
