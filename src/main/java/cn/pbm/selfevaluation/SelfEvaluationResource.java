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
import cn.pbm.platform.DecisionRecord;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * 绩效自评计分与复核 endpoints. Each call reads the policy in force today once, validates every form
 * (one bad form rejects the request before anything is scored), then scores the forms in request order.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
public class SelfEvaluationResource implements SelfEvaluationApi {

    private final SelfEvaluationTables decisions;
    private final GradingTables grading;
    private final DecisionRecord record;

    public SelfEvaluationResource(SelfEvaluationTables decisions, GradingTables grading, DecisionRecord record) {
        this.decisions = decisions;
        this.grading = grading;
        this.record = record;
    }

    @jakarta.inject.Inject
    cn.pbm.platform.DecisionEngine jurisdictionScope;

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    public SelfEvaluationDecision scoreSelfEvaluation(SelfEvaluationForm form, Boolean explain) {
        jurisdictionScope.forJurisdiction(form.getJurisdiction());
        ReviewPolicy policy = ReviewPolicy.load(decisions);
        SelfEvaluationRequestCheck.validate(form, policy);
        SelfEvaluationScore score = new FormScorer(decisions, grading, policy).score(form);
        return new SelfEvaluationDecision()
                .decisionId(record.decisionId())
                .ruleset(record.ruleset())
                .rulesets(record.rulesets())
                .projectId(score.getProjectId())
                .executionRate(score.getExecutionRate())
                .executionScore(score.getExecutionScore())
                .indicators(score.getIndicators())
                .subtotals(score.getSubtotals())
                .totalScore(score.getTotalScore())
                .grade(SelfEvaluationDecision.GradeEnum.fromValue(score.getGrade().value()))
                .gradeLabel(score.getGradeLabel())
                .findings(score.getFindings());
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    public SelfEvaluationBatchDecision scoreSelfEvaluationBatch(SelfEvaluationBatchRequest request, Boolean explain) {
        List<cn.pbm.api.model.FieldError> perForm = new ArrayList<>();
        for (int i = 0; i < request.getForms().size(); i++) {
            if (request.getForms().get(i) != null && request.getForms().get(i).getJurisdiction() != null) {
                perForm.add(cn.pbm.platform.Problems.field("/forms/" + i + "/jurisdiction",
                        "give the jurisdiction once, on the batch (/jurisdiction)"));
            }
        }
        if (!perForm.isEmpty()) {
            throw new cn.pbm.platform.InvalidRequestException(perForm);
        }
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
        ReviewPolicy policy = ReviewPolicy.load(decisions);
        SelfEvaluationRequestCheck.validate(request.getForms(), policy);
        FormScorer scorer = new FormScorer(decisions, grading, policy);
        List<SelfEvaluationScore> results = new ArrayList<>(request.getForms().size());
        for (SelfEvaluationForm form : request.getForms()) {
            results.add(scorer.score(form));
        }
        return new SelfEvaluationBatchDecision()
                .decisionId(record.decisionId())
                .ruleset(record.ruleset())
                .rulesets(record.rulesets())
                .results(results)
                .summary(BatchSummary.of(results, policy));
    }
}
