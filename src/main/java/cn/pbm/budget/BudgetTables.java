package cn.pbm.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The budget family's table adapter: the project-library admission table (dmn/budget/project-library-admission.dmn:
 * report threshold and verdict) and the department table (dmn/budget/department-public-funds.dmn: is the overall
 * grade below 良, and the cut). The project table still has its own adapter, {@link ProjectRules}, while its
 * withheld/recommended semantics move into DMN.
 */
@ApplicationScoped
public class BudgetTables implements DecisionShapes.Declaring {

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
        Requirement requirement = outcome.as("exAnteReportRequirement", Requirement.class);
        // the target-review gate (table targetReviewGate) has the last word on the verdict
        Admission gate = outcome.as("targetReviewGate", Admission.class);
        return new Verdict(outcome, requirement.required(), requirement.reason(), gate.decision(),
                gate.decisionLabel(), outcome.as("admission", Admission.class).reason(), gate.reason());
    }

    /** Table exAnteReportRequirement. */
    public record Requirement(boolean required, String reason) {
    }

    /** Tables admission and targetReviewGate; the gate adds no reason when no target review was sent. */
    public record Admission(String decision, String decisionLabel, @DecisionOutcome.OrNull String reason) {
    }

    /** @param targetReviewReason the gate's reason, null when it adds none (no target review sent) */
    public record Verdict(DecisionOutcome outcome, boolean reportRequired, String requirementReason,
            String decision, String decisionLabel, String reason, String targetReviewReason) {
    }

    /** @param action the cut action, null when the grade calls for none; {@code rate} is 0 then */
    public record DepartmentRuling(boolean belowGood, @DecisionOutcome.OrNull String action,
            @DecisionOutcome.OrNull String actionLabel, BigDecimal rate) {
    }

    public DepartmentRuling department(LocalDate date, String overallGrade) {
        return engine.evaluate(DEPARTMENT_RULESET, date, Map.of("overallGrade", overallGrade))
                .as("publicFundsCut", DepartmentRuling.class);
    }

    @Override
    public List<DecisionShapes.Shape> shapes() {
        return List.of(DecisionShapes.Shape.of(ADMISSION_RULESET, "exAnteReportRequirement", Requirement.class),
                DecisionShapes.Shape.of(ADMISSION_RULESET, "admission", Admission.class),
                DecisionShapes.Shape.of(ADMISSION_RULESET, "targetReviewGate", Admission.class),
                DecisionShapes.Shape.of(DEPARTMENT_RULESET, "publicFundsCut", DepartmentRuling.class));
    }
}
