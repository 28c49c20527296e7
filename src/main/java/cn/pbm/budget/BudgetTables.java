package cn.pbm.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The budget family's table adapter: the project-library admission table (dmn/budget/project-library-admission.dmn:
 * report threshold and verdict) and the department table (dmn/budget/department-public-funds.dmn: is the overall
 * grade below 良, and the cut). The project table still has its own adapter, {@link ProjectRules}, while its
 * withheld/recommended semantics move into DMN.
 */
@ApplicationScoped
public class BudgetTables {

    public static final String ADMISSION_RULESET = "budget.project-library-admission";
    public static final String DEPARTMENT_RULESET = "budget.department-public-funds";

    private final DecisionEngine engine;

    public BudgetTables(DecisionEngine engine) {
        this.engine = engine;
    }

    /**
     * @param exAnteConclusion the ex-ante grading's conclusion code, or null when no report was submitted
     * @param targetReview the target-review verdict code, or null when the caller did not send one
     */
    public Verdict admission(boolean newProject, BigDecimal amount, boolean reportSubmitted, String exAnteConclusion,
            String targetReview) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("newProject", newProject);
        inputs.put("amount", amount);
        inputs.put("exAnteReportSubmitted", reportSubmitted);
        inputs.put("exAnteConclusion", exAnteConclusion);
        inputs.put("targetReview", targetReview);
        DecisionOutcome outcome = engine.evaluate(ADMISSION_RULESET, inputs);
        Map<String, Object> requirement = outcome.context("exAnteReportRequirement");
        Object required = requirement.get("required");
        if (!(required instanceof Boolean reportRequired)) {
            throw new IllegalStateException("table exAnteReportRequirement of " + ADMISSION_RULESET
                    + " gave no 'required' value");
        }
        // the target-review gate (table targetReviewGate) has the last word on the verdict
        return new Verdict(outcome, reportRequired, outcome.text("exAnteReportRequirement", "reason"),
                outcome.text("targetReviewGate", "decision"), outcome.text("targetReviewGate", "decisionLabel"),
                outcome.text("admission", "reason"), (String) outcome.context("targetReviewGate").get("reason"));
    }

    /** @param targetReviewReason the gate's reason, null when it adds none (no target review sent) */
    public record Verdict(DecisionOutcome outcome, boolean reportRequired, String requirementReason,
            String decision, String decisionLabel, String reason, String targetReviewReason) {
    }

    /** @param action the cut action, null when the grade calls for none; {@code rate} is 0 then */
    public record DepartmentRuling(boolean belowGood, String action, String actionLabel, BigDecimal rate) {
    }

    public DepartmentRuling department(LocalDate date, String overallGrade) {
        DecisionOutcome outcome = engine.evaluate(DEPARTMENT_RULESET, date, Map.of("overallGrade", overallGrade));
        Map<String, Object> cut = outcome.context("publicFundsCut");
        if (!(cut.get("belowGood") instanceof Boolean belowGood) || !(cut.get("rate") instanceof BigDecimal rate)) {
            throw new IllegalStateException("table publicFundsCut of " + DEPARTMENT_RULESET + " gave no answer for "
                    + overallGrade);
        }
        return new DepartmentRuling(belowGood, (String) cut.get("action"), (String) cut.get("actionLabel"), rate);
    }
}
