package cn.pbm.targetreview;

import cn.pbm.api.TargetreviewApi;
import cn.pbm.api.model.TargetReviewDecision;
import cn.pbm.api.model.TargetReviewRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * The JAX-RS face of this family: it implements the generated contract ({@link TargetreviewApi}), names the decision
 * endpoints' security policy and hands the request to {@link TargetReviewService}, which checks, decides and answers.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class TargetReviewResource implements TargetreviewApi {

    private final TargetReviewService service;

    public TargetReviewResource(TargetReviewService service) {
        this.service = service;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset("targetreview.target-review")
    public TargetReviewDecision reviewTargets(TargetReviewRequest request, Boolean explain) {
        return service.reviewTargets(request);
    }
}
