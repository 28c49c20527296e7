package cn.pbm.selfevaluation;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.pbm.api.model.ReviewFinding;
import cn.pbm.selfevaluation.SelfEvaluationTables.StandardWeight;

/**
 * What every form of one request is scored against, read once per request from the tables in force today:
 * the standard weight of each category (and of budget execution) and the text of each finding code.
 */
record ReviewPolicy(Map<String, StandardWeight> standardWeights, Map<ReviewFinding.CodeEnum, String> findingTexts) {

    /** The category code of budget execution in the standard-weights table; a form declares no weight for it. */
    static final String EXECUTION = "EXECUTION";

    static ReviewPolicy load(SelfEvaluationTables decisions) {
        Map<String, StandardWeight> weights = new LinkedHashMap<>();
        for (cn.pbm.api.model.CategorySubtotal.CategoryEnum category : cn.pbm.api.model.CategorySubtotal.CategoryEnum.values()) {
            weights.put(category.value(), decisions.standardWeight(category.value()));
        }
        Map<ReviewFinding.CodeEnum, String> texts = new EnumMap<>(ReviewFinding.CodeEnum.class);
        for (ReviewFinding.CodeEnum code : ReviewFinding.CodeEnum.values()) {
            texts.put(code, decisions.findingText(code.value()));
        }
        return new ReviewPolicy(Map.copyOf(weights), texts);
    }

    StandardWeight standard(String category) {
        return standardWeights.get(category);
    }

    BigDecimal executionWeight() {
        return standard(EXECUTION).weight();
    }

    /** The full marks of a form: the standard weights summed (indicator categories and execution). */
    BigDecimal fullMarks() {
        return standardWeights.values().stream().map(StandardWeight::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    String text(ReviewFinding.CodeEnum code) {
        return findingTexts.get(code);
    }
}
