package cn.pbm.grading;

import cn.pbm.api.GradingApi;
import cn.pbm.api.model.EvaluationGradeDecision;
import cn.pbm.api.model.ExAnteDecision;
import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.PrimaryRuleset;
import cn.pbm.platform.DecisionEndpoints;
import io.quarkus.vertx.http.security.AuthorizationPolicy;

/**
 * 定级 endpoints. The bands, codes, labels and actions are the DMN tables' (dmn/grading/); this class hands
 * the validated score to {@link GradingTables} and copies the table's columns into the response.
 * {@code explain} is served by the platform for every endpoint (the audit package), not here.
 */
public class GradingResource implements GradingApi {

    private final GradingTables decisions;

    public GradingResource(GradingTables decisions) {
        this.decisions = decisions;
    }

    @jakarta.inject.Inject
    cn.pbm.platform.DecisionEngine jurisdictionScope;

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset(value = "grading.ex-ante-assessment", listsAll = false)
    public ExAnteDecision gradeExAnte(ScoreRequest request, Boolean explain) {
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
        GradingTables.ExAnteConclusion result = decisions.exAnte(request.getScore());
        return new ExAnteDecision()
                .conclusion(ExAnteDecision.ConclusionEnum.fromValue(result.conclusion()))
                .conclusionLabel(result.label())
                .action(result.action());
    }

    @Override
    @AuthorizationPolicy(name = DecisionEndpoints.POLICY)
    @PrimaryRuleset(value = "grading.evaluation-grade", listsAll = false)
    public EvaluationGradeDecision gradeEvaluation(ScoreRequest request, Boolean explain) {
        jurisdictionScope.forJurisdiction(request.getJurisdiction());
        GradingTables.EvaluationGrade result = decisions.evaluationGrade(request.getScore());
        return new EvaluationGradeDecision()
                .grade(EvaluationGradeDecision.GradeEnum.fromValue(result.grade()))
                .gradeLabel(result.label());
    }
}
