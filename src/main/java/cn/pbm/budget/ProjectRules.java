package cn.pbm.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The project tables (dmn/budget/project-budget-adjustment.dmn): missing target dimensions, reasons for not
 * arranging a budget, eligibility, and the result-based actions of last year's grade.
 */
@ApplicationScoped
public class ProjectRules {

    public static final String RULESET = "budget.project-budget-adjustment";

    private final DecisionEngine engine;

    public ProjectRules(DecisionEngine engine) {
        this.engine = engine;
    }

    /**
     * The facts of one project the tables look at; equal facts get equal rulings. {@code targetReview} is the
     * target-review verdict code, null when the caller did not send one.
     */
    public record Facts(boolean hasTargets, List<String> targetDimensions, boolean newProject,
            Boolean selfEvaluatedLastYear, String evaluationGrade, Boolean rectificationDone,
            boolean clearlyBelowExpectations, String targetReview) {
    }

    public record CodeAndLabel(String code, String label) {
    }

    /** @param rate the cut rate of a cut action, null for the others */
    public record Action(String action, String label, BigDecimal rate, boolean withholdsBudget,
            boolean unitNoNewRequests) {
    }

    public record Ruling(String eligibility, String eligibilityLabel, boolean budgetArranged,
            List<CodeAndLabel> reasons, List<CodeAndLabel> missingDimensions, List<Action> actions,
            List<CodeAndLabel> suspensionTriggers) {

        /** Whether an action bars the implementing unit's next-year new budget requests. */
        public boolean unitNoNewRequests() {
            return actions.stream().anyMatch(Action::unitNoNewRequests);
        }

        /** Whether the project gets no budget beyond what the cuts take (not eligible, or an action withholds). */
        public boolean withheld() {
            return !budgetArranged || actions.stream().anyMatch(Action::withholdsBudget);
        }
    }

    public Ruling rule(LocalDate date, Facts facts) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("hasTargets", facts.hasTargets());
        inputs.put("targetDimensions", facts.targetDimensions());
        inputs.put("newProject", facts.newProject());
        inputs.put("selfEvaluatedLastYear", facts.selfEvaluatedLastYear());
        inputs.put("clearlyBelowExpectations", facts.clearlyBelowExpectations());
        inputs.put("evaluationGrade", facts.evaluationGrade());
        inputs.put("rectificationDone", facts.rectificationDone());
        inputs.put("targetReview", facts.targetReview());
        DecisionOutcome outcome = engine.evaluate(RULESET, date, inputs);

        Object arranged = outcome.context("eligibility").get("budgetArranged");
        if (!(arranged instanceof Boolean budgetArranged)) {
            throw new IllegalStateException("table eligibility of " + RULESET + " gave no 'budgetArranged' value");
        }
        List<Action> actions = new ArrayList<>();
        for (Map<String, Object> row : rows(outcome, "projectActions")) {
            Object rate = row.get("rate");
            actions.add(new Action((String) row.get("action"), (String) row.get("label"),
                    rate == null ? null : (BigDecimal) rate, Boolean.TRUE.equals(row.get("withholdsBudget")),
                    Boolean.TRUE.equals(row.get("unitNoNewRequests"))));
        }
        return new Ruling(outcome.text("eligibility", "eligibility"), outcome.text("eligibility", "eligibilityLabel"),
                budgetArranged, reasons(outcome), codes(outcome, "missingTargetDimensions"),
                List.copyOf(actions), codes(outcome, "suspensionTriggers"));
    }

    /** The reasons of the eligibility table, then the target review's (targetReviewReasons). */
    private static List<CodeAndLabel> reasons(DecisionOutcome outcome) {
        List<CodeAndLabel> reasons = new ArrayList<>(codes(outcome, "eligibilityReasons"));
        reasons.addAll(codes(outcome, "targetReviewReasons"));
        return List.copyOf(reasons);
    }

    private static List<CodeAndLabel> codes(DecisionOutcome outcome, String decision) {
        return rows(outcome, decision).stream()
                .map(row -> new CodeAndLabel((String) row.get("code"), (String) row.get("label")))
                .toList();
    }

    /** The rows a COLLECT table produced (no match is an empty list). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(DecisionOutcome outcome, String decision) {
        Object value = outcome.results().get(decision);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException("decision '" + decision + "' of " + outcome.ruleset().id()
                    + " did not produce a list but " + value);
        }
        return (List<Map<String, Object>>) list;
    }
}
