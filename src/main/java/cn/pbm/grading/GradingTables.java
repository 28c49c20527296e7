package cn.pbm.grading;

import java.math.BigDecimal;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The two grading decisions, for the endpoints here and for every family that grades a score
 * (admission, budget cuts, self-evaluation): they call these, never copy the bands.
 */
@ApplicationScoped
public class GradingTables {

    public static final String EX_ANTE = "grading.ex-ante-assessment";
    public static final String EVALUATION_GRADE = "grading.evaluation-grade";

    private final DecisionEngine engine;

    public GradingTables(DecisionEngine engine) {
        this.engine = engine;
    }

    /** 事前绩效评估结论 of an assessment score in [0, 100]. */
    public ExAnteConclusion exAnte(BigDecimal score) {
        DecisionOutcome outcome = engine.evaluate(EX_ANTE, Map.of("score", score));
        return new ExAnteConclusion(outcome.text("exAnteConclusion", "conclusion"),
                outcome.text("exAnteConclusion", "conclusionLabel"),
                outcome.text("exAnteConclusion", "action"));
    }

    /** 绩效评价等级 of an evaluation score in [0, 100]. */
    public EvaluationGrade evaluationGrade(BigDecimal score) {
        DecisionOutcome outcome = engine.evaluate(EVALUATION_GRADE, Map.of("score", score));
        return new EvaluationGrade(outcome.text("evaluationGrade", "grade"),
                outcome.text("evaluationGrade", "gradeLabel"));
    }

    /** @param conclusion FEASIBLE, NEEDS_REVISION or INFEASIBLE, as the table says */
    public record ExAnteConclusion(String conclusion, String label, String action) {
    }

    /** @param grade EXCELLENT, GOOD, FAIR or POOR, as the table says */
    public record EvaluationGrade(String grade, String label) {
    }
}
