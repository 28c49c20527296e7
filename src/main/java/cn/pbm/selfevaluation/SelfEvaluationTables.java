package cn.pbm.selfevaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import jakarta.inject.Singleton;

/**
 * The self-evaluation decision tables (dmn/self-evaluation/), one method per model, each evaluated on the
 * version in force today (a form carries no date of its own). Every weight, threshold, band, formula,
 * tolerance and text is the tables'; this class only hands values in and reads the columns back.
 */
@Singleton
public class SelfEvaluationTables extends FamilyTables {

    public static final String STANDARD_WEIGHTS = "self-evaluation.standard-weights";
    public static final String EXECUTION_SCORE = "self-evaluation.execution-score";
    public static final String QUANTITATIVE = "self-evaluation.quantitative-indicator";
    public static final String QUALITATIVE = "self-evaluation.qualitative-indicator";
    public static final String REVIEW_FINDINGS = "self-evaluation.review-findings";
    public static final String REPORTED_SCORE = "self-evaluation.reported-score";

    static final Shape<StandardWeight> WEIGHT = Shape.of(STANDARD_WEIGHTS, "standardWeight", StandardWeight.class);

    /** 标准分值 of a category code (OUTPUT, BENEFIT, SATISFACTION, EXECUTION). */
    public StandardWeight standardWeight(String category) {
        return engine.evaluate(STANDARD_WEIGHTS, Map.of("category", category)).as(WEIGHT);
    }

    static final Shape<ExecutionRow> EXECUTION_ROW = Shape.of(EXECUTION_SCORE, "executionAssessment",
            ExecutionRow.class);
    /** The rate is a decision of its own, with no value when there is no budget to divide by. */
    static final Shape<BigDecimal> EXECUTION_RATE = Shape.of(EXECUTION_SCORE, "executionRate", BigDecimal.class);

    /** 预算执行率得分 and whether the rate needs a stated reason. */
    public ExecutionAssessment execution(BigDecimal annualBudget, BigDecimal executed, BigDecimal executionWeight) {
        DecisionOutcome outcome = engine.evaluate(EXECUTION_SCORE,
                Map.of("annualBudget", annualBudget, "executed", executed, "executionWeight", executionWeight));
        ExecutionRow row = outcome.as(EXECUTION_ROW);
        return new ExecutionAssessment(outcome.asOrNull(EXECUTION_RATE), row.score(), row.reasonRequired());
    }

    static final Shape<QuantitativeAssessment> QUANTITATIVE_ROW = Shape.of(QUANTITATIVE, "indicatorAssessment",
            QuantitativeAssessment.class);

    /** 定量指标得分 and whether the target was met. */
    public QuantitativeAssessment quantitative(String direction, BigDecimal weight, BigDecimal target, BigDecimal actual) {
        return engine.evaluate(QUANTITATIVE,
                Map.of("direction", direction, "weight", weight, "target", target, "actual", actual))
                .as(QUANTITATIVE_ROW);
    }

    static final Shape<QualitativeAssessment> QUALITATIVE_ROW = Shape.of(QUALITATIVE, "bandAssessment",
            QualitativeAssessment.class);

    /** Whether a qualitative indicator's assessed score lies in its achievement's band. */
    public QualitativeAssessment qualitative(String achievement, BigDecimal weight, BigDecimal assessedScore) {
        return engine.evaluate(QUALITATIVE,
                Map.of("achievement", achievement, "weight", weight, "assessedScore", assessedScore))
                .as(QUALITATIVE_ROW);
    }

    static final Shape<FindingText> FINDING = Shape.of(REVIEW_FINDINGS, "finding", FindingText.class);

    /** 复核意见 text of a finding code. */
    public String findingText(String code) {
        Map<String, Object> inputs = reviewInputs();
        inputs.put("code", code);
        return engine.evaluate(REVIEW_FINDINGS, inputs).as(FINDING).text();
    }

    /** Every input of the review-findings model, none given yet (the engine wants each one named). */
    private static Map<String, Object> reviewInputs() {
        Map<String, Object> inputs = new HashMap<>();
        for (String input : List.of("code", "categoryWeights", "executionReasonRequired", "executionReasonGiven",
                "indicators", "reportedScoreConsistent", "reportedGrade", "grade", "roundedTotalGrade")) {
            inputs.put(input, null);
        }
        return inputs;
    }

    /**
     * 复核意见 of one form, in the order the review-findings table lists them: the table's trigger rows decide
     * which finding applies to what (a category, an indicator, a field) and in what order.
     */
    public List<FindingHit> reviewFindings(ReviewFacts facts) {
        Map<String, Object> inputs = reviewInputs();
        inputs.put("categoryWeights", facts.categoryWeights().stream().map(w -> inputs("category", w.category(),
                "declaredWeight", w.declaredWeight(), "standardWeight", w.standardWeight())).toList());
        inputs.put("executionReasonRequired", facts.executionReasonRequired());
        inputs.put("executionReasonGiven", facts.executionReasonGiven());
        inputs.put("indicators", facts.indicators().stream().map(i -> inputs("index", BigDecimal.valueOf(i.index()),
                "inBand", i.inBand(), "met", i.met(), "reasonGiven", i.reasonGiven())).toList());
        inputs.put("reportedScoreConsistent", facts.reportedScoreConsistent());
        inputs.put("reportedGrade", facts.reportedGrade());
        inputs.put("grade", facts.grade());
        inputs.put("roundedTotalGrade", facts.roundedTotalGrade());
        Object value = engine.evaluate(REVIEW_FINDINGS, inputs).results().get("reviewFindings");
        if (!(value instanceof List<?> rows)) {
            throw new IllegalStateException("reviewFindings of " + REVIEW_FINDINGS + " is not a list: " + value);
        }
        List<FindingHit> hits = new ArrayList<>(rows.size());
        for (Object item : rows) {
            if (!(item instanceof Map<?, ?> row) || !(row.get("code") instanceof String code)) {
                throw new IllegalStateException("a row of reviewFindings of " + REVIEW_FINDINGS + " has no code: " + item);
            }
            Object index = row.get("indicatorIndex");
            hits.add(new FindingHit(code, (String) row.get("field"), (String) row.get("category"),
                    index == null ? null : new BigDecimal(index.toString()).intValueExact()));
        }
        return List.copyOf(hits);
    }

    static final Shape<Boolean> CONSISTENT = Shape.of(REPORTED_SCORE, "scoreConsistent", Boolean.class);

    /** Whether the reported total agrees with the computed (rounded) total within the table's tolerance. */
    public boolean reportedScoreConsistent(BigDecimal reported, BigDecimal computed) {
        return engine.evaluate(REPORTED_SCORE,
                Map.of("reportedTotalScore", reported, "computedTotalScore", computed))
                .as(CONSISTENT);
    }

    public record StandardWeight(BigDecimal weight, String categoryLabel) {

        public String label() {
            return categoryLabel;
        }
    }

    /** Table executionAssessment; the rate is a decision of its own. */
    public record ExecutionRow(BigDecimal score, boolean reasonRequired) {
    }

    /** Table finding: the 复核意见 text of a code. */
    public record FindingText(String text) {
    }

    public record ExecutionAssessment(BigDecimal rate, BigDecimal score, boolean reasonRequired) {
    }

    public record QuantitativeAssessment(BigDecimal score, boolean met) {
    }

    public record QualitativeAssessment(boolean inBand, boolean met, String achievementLabel) {
    }

    /** What the review-findings triggers look at for one form; nulls mean "not reported" / "not applicable". */
    public record ReviewFacts(List<CategoryWeight> categoryWeights, boolean executionReasonRequired,
            boolean executionReasonGiven, List<IndicatorFacts> indicators, Boolean reportedScoreConsistent,
            String reportedGrade, String grade, String roundedTotalGrade) {
    }

    public record CategoryWeight(String category, BigDecimal declaredWeight, BigDecimal standardWeight) {
    }

    /** @param inBand null for a quantitative indicator (it has no bands) */
    public record IndicatorFacts(int index, Boolean inBand, boolean met, boolean reasonGiven) {
    }

    /** One finding the table gave: its code, the form field it concerns, and the category or indicator, if any. */
    public record FindingHit(String code, String field, String category, Integer indicatorIndex) {
    }
}
