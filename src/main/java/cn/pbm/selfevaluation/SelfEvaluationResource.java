package cn.pbm.selfevaluation;

import cn.pbm.api.SelfEvaluationApi;
import cn.pbm.api.model.SelfEvaluationBatchDecision;
import cn.pbm.api.model.SelfEvaluationBatchRequest;
import cn.pbm.api.model.SelfEvaluationDecision;
import cn.pbm.api.model.SelfEvaluationForm;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * The JAX-RS face of this family: it implements the generated contract ({@link SelfEvaluationApi}), names the decision
 * endpoints' security policy and hands the request to {@link SelfEvaluationService}, which checks, decides and answers.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class SelfEvaluationResource implements SelfEvaluationApi {

    private final SelfEvaluationService service;

    public SelfEvaluationResource(SelfEvaluationService service) {
        this.service = service;
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset("self-evaluation.standard-weights")
    public SelfEvaluationDecision scoreSelfEvaluation(SelfEvaluationForm form, Boolean explain) {
        return service.scoreSelfEvaluation(form);
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset("self-evaluation.standard-weights")
    public SelfEvaluationBatchDecision scoreSelfEvaluationBatch(SelfEvaluationBatchRequest request, Boolean explain) {
        return service.scoreSelfEvaluationBatch(request);
    }
}
