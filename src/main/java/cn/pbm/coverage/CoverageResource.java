package cn.pbm.coverage;

import cn.pbm.api.CoverageApi;
import cn.pbm.api.model.CoverageDecision;
import cn.pbm.api.model.CoverageRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * The JAX-RS face of this family: it implements the generated contract ({@link CoverageApi}), names the decision
 * endpoints' security policy and hands the request to {@link CoverageService}, which checks, decides and answers.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class CoverageResource implements CoverageApi {

    private final CoverageService service;

    public CoverageResource(CoverageService service) {
        this.service = service;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset(value = "coverage.measures", listsAll = false)
    public CoverageDecision coverage(CoverageRequest request, Boolean explain) {
        return service.coverage(request);
    }
}
