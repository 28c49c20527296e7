package cn.pbm.selfevaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The self-evaluation decision tables (dmn/self-evaluation/), one method per model, each evaluated on the
 * version in force today (a form carries no date of its own). Every weight, threshold, band, formula,
 * tolerance and text is the tables'; this class only hands values in and reads the columns back.
 */
@ApplicationScoped
public class SelfEvaluationTables {

    public static final String STANDARD_WEIGHTS = "self-evaluation.standard-weights";
    public static final String EXECUTION_SCORE = "self-evaluation.execution-score";
    public static final String QUANTITATIVE = "self-evaluation.quantitative-indicator";
    public static final String QUALITATIVE = "self-evaluation.qualitative-indicator";
    public static final String REVIEW_FINDINGS = "self-evaluation.review-findings";
    public static final String REPORTED_SCORE = "self-evaluation.reported-score";

    private final DecisionEngine engine;

    public SelfEvaluationTables(DecisionEngine engine) {
        this.engine = engine;
    }

    /** 标准分值 of a category code (OUTPUT, BENEFIT, SATISFACTION, EXECUTION). */
    public StandardWeight standardWeight(String category) {
        DecisionOutcome outcome = engine.evaluate(STANDARD_WEIGHTS, Map.of("category", category));
        Map<String, Object> row = outcome.context("standardWeight");
        return new StandardWeight(number(row, "weight"), outcome.text("standardWeight", "categoryLabel"));
    }

    /** 预算执行率得分 and whether the rate needs a stated reason. */
    public ExecutionAssessment execution(BigDecimal annualBudget, BigDecimal executed, BigDecimal executionWeight) {
        DecisionOutcome outcome = engine.evaluate(EXECUTION_SCORE,
                Map.of("annualBudget", annualBudget, "executed", executed, "executionWeight", executionWeight));
        Map<String, Object> row = outcome.context("executionAssessment");
        return new ExecutionAssessment((BigDecimal) outcome.results().get("executionRate"), number(row, "score"),
                flag(row, "reasonRequired"));
    }

    /** 定量指标得分 and whether the target was met. */
    public QuantitativeAssessment quantitative(String direction, BigDecimal weight, BigDecimal target, BigDecimal actual) {
        DecisionOutcome outcome = engine.evaluate(QUANTITATIVE,
                Map.of("direction", direction, "weight", weight, "target", target, "actual", actual));
        Map<String, Object> row = outcome.context("indicatorAssessment");
        return new QuantitativeAssessment(number(row, "score"), flag(row, "met"));
    }

    /** Whether a qualitative indicator's assessed score lies in its achievement's band. */
    public QualitativeAssessment qualitative(String achievement, BigDecimal weight, BigDecimal assessedScore) {
        DecisionOutcome outcome = engine.evaluate(QUALITATIVE,
                Map.of("achievement", achievement, "weight", weight, "assessedScore", assessedScore));
        Map<String, Object> row = outcome.context("bandAssessment");
        return new QualitativeAssessment(flag(row, "inBand"), flag(row, "met"),
                outcome.text("bandAssessment", "achievementLabel"));
    }

    /** 复核意见 text of a finding code. */
    public String findingText(String code) {
        Map<String, Object> inputs = reviewInputs();
        inputs.put("code", code);
        return engine.evaluate(REVIEW_FINDINGS, inputs).text("finding", "text");
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
        inputs.put("categoryWeights", facts.categoryWeights().stream().map(w -> {
            Map<String, Object> row = new HashMap<>();
            row.put("category", w.category());
            row.put("declaredWeight", w.declaredWeight());
            row.put("standardWeight", w.standardWeight());
            return row;
        }).toList());
        inputs.put("executionReasonRequired", facts.executionReasonRequired());
        inputs.put("executionReasonGiven", facts.executionReasonGiven());
        inputs.put("indicators", facts.indicators().stream().map(i -> {
            Map<String, Object> row = new HashMap<>();
            row.put("index", BigDecimal.valueOf(i.index()));
            row.put("inBand", i.inBand());
            row.put("met", i.met());
            row.put("reasonGiven", i.reasonGiven());
            return row;
        }).toList());
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

    /** Whether the reported total agrees with the computed (rounded) total within the table's tolerance. */
    public boolean reportedScoreConsistent(BigDecimal reported, BigDecimal computed) {
        Object consistent = engine.evaluate(REPORTED_SCORE,
                Map.of("reportedTotalScore", reported, "computedTotalScore", computed)).results().get("scoreConsistent");
        if (!(consistent instanceof Boolean b)) {
            throw new IllegalStateException("scoreConsistent of " + REPORTED_SCORE + " is not a boolean: " + consistent);
        }
        return b;
    }

    private static BigDecimal number(Map<String, Object> row, String column) {
        if (!(row.get(column) instanceof BigDecimal value)) {
            throw new IllegalStateException("column '" + column + "' is not a number: " + row);
        }
        return value;
    }

    private static boolean flag(Map<String, Object> row, String column) {
        if (!(row.get(column) instanceof Boolean value)) {
            throw new IllegalStateException("column '" + column + "' is not a boolean: " + row);
        }
        return value;
    }

    public record StandardWeight(BigDecimal weight, String label) {
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
