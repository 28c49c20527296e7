package cn.pbm.rectification;

import cn.pbm.api.RectificationApi;
import cn.pbm.api.model.RectificationDecision;
import cn.pbm.api.model.RectificationRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * The JAX-RS face of this family: it implements the generated contract ({@link RectificationApi}), names the decision
 * endpoints' security policy and hands the request to {@link RectificationService}, which checks, decides and answers.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class RectificationResource implements RectificationApi {

    private final RectificationService service;

    public RectificationResource(RectificationService service) {
        this.service = service;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset({"rectification.periods", "rectification.status"})
    public RectificationDecision rectificationStatus(RectificationRequest request, Boolean explain) {
        return service.rectificationStatus(request);
    }
}
