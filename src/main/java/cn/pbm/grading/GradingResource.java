package cn.pbm.grading;

import cn.pbm.api.GradingApi;
import cn.pbm.api.model.EvaluationGradeDecision;
import cn.pbm.api.model.ExAnteDecision;
import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.DecisionEndpoints;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.ModelCopy;
import cn.pbm.platform.PrimaryRuleset;
import io.quarkus.vertx.http.security.AuthorizationPolicy;
import jakarta.inject.Inject;

/**
 * 定级 endpoints. The bands, codes, labels and actions are the DMN tables' (dmn/grading/); this class hands
 * the validated score to {@link GradingTables} and copies the table's columns into the response ({@link ModelCopy}).
 * {@code explain} is served by the platform for every endpoint (the audit package), not here.
 */
@AuthorizationPolicy(name = DecisionEndpoints.POLICY)
public class GradingResource implements GradingApi {

    @Inject
    DecisionEngine engine;
    @Inject
    GradingTables decisions;

    @Override
    @PrimaryRuleset(value = GradingTables.EX_ANTE, listsAll = false)
    public ExAnteDecision gradeExAnte(ScoreRequest request, Boolean explain) {
        engine.forJurisdiction(request.getJurisdiction());
        return ModelCopy.of(decisions.exAnte(request.getScore()), ExAnteDecision.class);
    }

    @Override
    @PrimaryRuleset(value = GradingTables.EVALUATION_GRADE, listsAll = false)
    public EvaluationGradeDecision gradeEvaluation(ScoreRequest request, Boolean explain) {
        engine.forJurisdiction(request.getJurisdiction());
        return ModelCopy.of(decisions.evaluationGrade(request.getScore()), EvaluationGradeDecision.class);
    }
}
