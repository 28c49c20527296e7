package cn.pbm.grading;

import java.util.Map;

import cn.pbm.api.GradingApi;
import cn.pbm.api.model.EvaluationGradeDecision;
import cn.pbm.api.model.ExAnteDecision;
import cn.pbm.api.model.ScoreRequest;
import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;

/**
 * 定级 endpoints. The bands, codes, labels and actions are the DMN tables' (dmn/grading/); this class only
 * hands the validated score to the engine and copies the table's columns into the contract's response.
 */
public class Grading implements GradingApi {

    static final String EX_ANTE = "grading.ex-ante-assessment";
    static final String EVALUATION_GRADE = "grading.evaluation-grade";

    private final DecisionEngine engine;

    public Grading(DecisionEngine engine) {
        this.engine = engine;
    }

    @Override
    public ExAnteDecision gradeExAnte(ScoreRequest request) {
        DecisionOutcome outcome = engine.evaluate(EX_ANTE, Map.of("score", request.getScore()));
        return new ExAnteDecision()
                .decisionId(outcome.decisionId())
                .ruleset(outcome.ruleset())
                .conclusion(ExAnteDecision.ConclusionEnum.fromValue(outcome.text("exAnteConclusion", "conclusion")))
                .conclusionLabel(outcome.text("exAnteConclusion", "conclusionLabel"))
                .action(outcome.text("exAnteConclusion", "action"));
    }

    @Override
    public EvaluationGradeDecision gradeEvaluation(ScoreRequest request) {
        return evaluationGrade(request.getScore());
    }

    /** The evaluation grade of a score: reused by the families that grade computed totals. */
    public EvaluationGradeDecision evaluationGrade(java.math.BigDecimal score) {
        DecisionOutcome outcome = engine.evaluate(EVALUATION_GRADE, Map.of("score", score));
        return new EvaluationGradeDecision()
                .decisionId(outcome.decisionId())
                .ruleset(outcome.ruleset())
                .grade(EvaluationGradeDecision.GradeEnum.fromValue(outcome.text("evaluationGrade", "grade")))
                .gradeLabel(outcome.text("evaluationGrade", "gradeLabel"));
    }
}
