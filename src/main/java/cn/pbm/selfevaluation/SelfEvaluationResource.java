package cn.pbm.selfevaluation;

import java.util.ArrayList;
import java.util.List;

import cn.pbm.api.SelfEvaluationApi;
import cn.pbm.api.model.SelfEvaluationBatchDecision;
import cn.pbm.api.model.SelfEvaluationBatchRequest;
import cn.pbm.api.model.SelfEvaluationDecision;
import cn.pbm.api.model.SelfEvaluationForm;
import cn.pbm.api.model.SelfEvaluationScore;
import cn.pbm.grading.GradingTables;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.ModelCopy;
import cn.pbm.platform.PrimaryRuleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 绩效自评计分与复核 endpoints. Each call reads the policy in force today once, validates every form
 * (one bad form rejects the request before anything is scored), then scores the forms in request order.
 * The family's endpoints: they implement the generated contract ({@link SelfEvaluationApi}); {@code explain} is
 * served by the platform for every endpoint, not here.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
@PrimaryRuleset(SelfEvaluationTables.STANDARD_WEIGHTS)
public class SelfEvaluationResource implements SelfEvaluationApi {

    @Inject
    DecisionEngine engine;
    @Inject
    SelfEvaluationTables decisions;
    @Inject
    GradingTables grading;

    @Override
    public SelfEvaluationDecision scoreSelfEvaluation(SelfEvaluationForm form, Boolean explain) {
        engine.forJurisdiction(form.getJurisdiction());
        ReviewPolicy policy = ReviewPolicy.load(decisions);
        SelfEvaluationRequestCheck.check(form, policy);
        // one form's answer is the batch's result for it, in the envelope of a single decision
        return ModelCopy.of(new FormScorer(decisions, grading, policy).score(form), SelfEvaluationDecision.class);
    }

    @Override
    public SelfEvaluationBatchDecision scoreSelfEvaluationBatch(SelfEvaluationBatchRequest request, Boolean explain) {
        SelfEvaluationRequestCheck.jurisdictionOnce(request.getForms());
        engine.forJurisdiction(request.getJurisdiction());
        ReviewPolicy policy = ReviewPolicy.load(decisions);
        SelfEvaluationRequestCheck.check(request.getForms(), policy);
        FormScorer scorer = new FormScorer(decisions, grading, policy);
        List<SelfEvaluationScore> results = new ArrayList<>(request.getForms().size());
        for (SelfEvaluationForm form : request.getForms()) {
            results.add(scorer.score(form));
        }
        return new SelfEvaluationBatchDecision()
                .results(results)
                .summary(BatchSummary.of(results, policy));
    }
}
