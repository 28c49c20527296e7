package cn.pbm.grading;

import java.math.BigDecimal;
import java.util.Map;

import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import jakarta.inject.Singleton;

/**
 * The two grading decisions, for the endpoints here and for every family that grades a score
 * (admission, budget cuts, self-evaluation): they call these, never copy the bands.
 */
@Singleton
public class GradingTables extends FamilyTables {

    public static final String EX_ANTE = "grading.ex-ante-assessment";
    public static final String EVALUATION_GRADE = "grading.evaluation-grade";

    static final Shape<ExAnteConclusion> CONCLUSION = Shape.of(EX_ANTE, "exAnteConclusion", ExAnteConclusion.class);

    /** 事前绩效评估结论 of an assessment score in [0, 100]. */
    public ExAnteConclusion exAnte(BigDecimal score) {
        return engine.evaluate(EX_ANTE, Map.of("score", score)).as(CONCLUSION);
    }

    static final Shape<EvaluationGrade> GRADE = Shape.of(EVALUATION_GRADE, "evaluationGrade", EvaluationGrade.class);

    /** 绩效评价等级 of an evaluation score in [0, 100]. */
    public EvaluationGrade evaluationGrade(BigDecimal score) {
        return engine.evaluate(EVALUATION_GRADE, Map.of("score", score)).as(GRADE);
    }

    /** @param conclusion FEASIBLE, NEEDS_REVISION or INFEASIBLE, as the table says */
    public record ExAnteConclusion(String conclusion, String conclusionLabel, String action) {

        public String label() {
            return conclusionLabel;
        }
    }

    /** @param grade EXCELLENT, GOOD, FAIR or POOR, as the table says */
    public record EvaluationGrade(String grade, String gradeLabel) {

        public String label() {
            return gradeLabel;
        }
    }
}
