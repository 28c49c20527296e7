package cn.pbm.selfevaluation;

import java.util.ArrayList;
import java.util.List;

import cn.pbm.api.model.SelfEvaluationBatchDecision;
import cn.pbm.api.model.SelfEvaluationBatchRequest;
import cn.pbm.api.model.SelfEvaluationDecision;
import cn.pbm.api.model.SelfEvaluationForm;
import cn.pbm.api.model.SelfEvaluationScore;
import cn.pbm.grading.GradingTables;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 绩效自评计分与复核 endpoints. Each call reads the policy in force today once, validates every form
 * (one bad form rejects the request before anything is scored), then scores the forms in request order.
 * {@code explain} is served by the platform for every endpoint, not here.
 */
@ApplicationScoped
public class SelfEvaluationService {

    private final SelfEvaluationTables decisions;
    private final GradingTables grading;

    public SelfEvaluationService(SelfEvaluationTables decisions, GradingTables grading) {
        this.decisions = decisions;
        this.grading = grading;
    }

    @jakarta.inject.Inject
    cn.pbm.platform.DecisionEngine jurisdictionScope;

    public SelfEvaluationDecision scoreSelfEvaluation(SelfEvaluationForm form) {
        jurisdictionScope.forJurisdiction(form.getJurisdiction());
        ReviewPolicy policy = ReviewPolicy.load(decisions);
        SelfEvaluationRequestCheck.check(form, policy);
        SelfEvaluationScore score = new FormScorer(decisions, grading, policy).score(form);
        return new SelfEvaluationDecision()
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

    public SelfEvaluationBatchDecision scoreSelfEvaluationBatch(SelfEvaluationBatchRequest request) {
        SelfEvaluationRequestCheck.jurisdictionOnce(request.getForms());
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
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
