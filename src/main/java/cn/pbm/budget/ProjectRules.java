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
 * arranging a budget, eligibility, the result-based actions of last year's grade, and what they make of the
 * project's budget (each cut, what is withheld, what is recommended).
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
     * target-review verdict code, null when the caller did not send one; {@code budget} is in yuan.
     */
    public record Facts(BigDecimal budget, boolean hasTargets, List<String> targetDimensions, boolean newProject,
            Boolean selfEvaluatedLastYear, String evaluationGrade, Boolean rectificationDone,
            boolean clearlyBelowExpectations, String targetReview) {
    }

    public record CodeAndLabel(String code, String label) {
    }

    /** @param rate the cut rate of a cut action, null for the others */
    public record Action(String action, String label, BigDecimal rate, boolean withholdsBudget,
            boolean unitNoNewRequests) {
    }

    /**
     * The table's amounts in yuan: the cut of each action that has a rate (by action code), their sum, what is
     * withheld and what is recommended.
     */
    public record Amounts(Map<String, BigDecimal> cutByAction, BigDecimal cuts, BigDecimal withheld,
            BigDecimal recommendedBudget) {
    }

    public record Ruling(String eligibility, String eligibilityLabel, boolean budgetArranged,
            List<CodeAndLabel> reasons, List<CodeAndLabel> missingDimensions, List<Action> actions,
            List<CodeAndLabel> suspensionTriggers, Amounts amounts) {

        /** Whether an action bars the implementing unit's next-year new budget requests. */
        public boolean unitNoNewRequests() {
            return actions.stream().anyMatch(Action::unitNoNewRequests);
        }
    }

    /**
     * The rulings of distinct facts, in their order, from the version in force on {@code date}; a large list is
     * evaluated on all cores. No facts, no evaluation (the rule set is then not among those used).
     */
    public List<Ruling> rule(LocalDate date, List<Facts> distinctFacts) {
        if (distinctFacts.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> inputs = distinctFacts.stream().map(ProjectRules::inputs).toList();
        return engine.evaluateEach(engine.inForce(RULESET, date), inputs).stream().map(ProjectRules::ruling).toList();
    }

    /** The model's inputs for one project's facts (the compiled-decision tests evaluate exactly these). */
    public static Map<String, Object> inputs(Facts facts) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("budget", facts.budget());
        inputs.put("hasTargets", facts.hasTargets());
        inputs.put("targetDimensions", facts.targetDimensions());
        inputs.put("newProject", facts.newProject());
        inputs.put("selfEvaluatedLastYear", facts.selfEvaluatedLastYear());
        inputs.put("clearlyBelowExpectations", facts.clearlyBelowExpectations());
        inputs.put("evaluationGrade", facts.evaluationGrade());
        inputs.put("rectificationDone", facts.rectificationDone());
        inputs.put("targetReview", facts.targetReview());
        return inputs;
    }

    private static Ruling ruling(DecisionOutcome outcome) {
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
                List.copyOf(actions), codes(outcome, "suspensionTriggers"), amounts(outcome));
    }

    private static Amounts amounts(DecisionOutcome outcome) {
        Map<String, Object> amounts = outcome.context("budgetAmounts");
        Map<String, BigDecimal> cutByAction = new HashMap<>();
        for (Map<String, Object> line : rows(outcome, amounts.get("cutLines"), "budgetAmounts.cutLines")) {
            cutByAction.put((String) line.get("action"), yuan(line, "amount"));
        }
        return new Amounts(Map.copyOf(cutByAction), yuan(amounts, "cuts"), yuan(amounts, "withheld"),
                yuan(amounts, "recommendedBudget"));
    }

    private static BigDecimal yuan(Map<String, Object> row, String column) {
        if (!(row.get(column) instanceof BigDecimal amount)) {
            throw new IllegalStateException("budgetAmounts of " + RULESET + " gave no amount in '" + column + "': " + row);
        }
        return amount;
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
        return rows(outcome, outcome.results().get(decision), decision);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(DecisionOutcome outcome, Object value, String decision) {
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
