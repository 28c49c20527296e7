package cn.pbm.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import cn.pbm.platform.DecisionOutcome;
import cn.pbm.platform.DecisionShapes.Shape;
import cn.pbm.platform.FamilyTables;
import jakarta.inject.Singleton;

/**
 * The budget family's table adapter: the project-library admission table (dmn/budget/project-library-admission.dmn:
 * report threshold and verdict) and the department table (dmn/budget/department-public-funds.dmn: is the overall
 * grade below 良, and the cut). The project table still has its own adapter, {@link ProjectRules}, while its
 * withheld/recommended semantics move into DMN.
 */
@Singleton
public class BudgetTables extends FamilyTables {

    public static final String ADMISSION_RULESET = "budget.project-library-admission";
    public static final String DEPARTMENT_RULESET = "budget.department-public-funds";

    static final Shape<Requirement> REQUIREMENT = Shape.of(ADMISSION_RULESET, "exAnteReportRequirement",
            Requirement.class);
    static final Shape<Admission> ADMISSION = Shape.of(ADMISSION_RULESET, "admission", Admission.class);
    /** The target-review gate (table targetReviewGate) has the last word on the verdict. */
    static final Shape<Admission> GATE = Shape.of(ADMISSION_RULESET, "targetReviewGate", Admission.class);
    /**
     * @param exAnteConclusion the ex-ante grading's conclusion code, or null when no report was submitted
     * @param targetReview the target-review verdict code, or null when the caller did not send one
     */
    public Verdict admission(boolean newProject, BigDecimal amount, boolean reportSubmitted, String exAnteConclusion,
            String targetReview) {
        DecisionOutcome outcome = engine.evaluate(ADMISSION_RULESET, inputs("newProject", newProject, "amount", amount,
                "exAnteReportSubmitted", reportSubmitted, "exAnteConclusion", exAnteConclusion,
                "targetReview", targetReview));
        Requirement requirement = outcome.as(REQUIREMENT);
        Admission gate = outcome.as(GATE);
        return new Verdict(outcome, requirement.required(), requirement.reason(), gate.decision(),
                gate.decisionLabel(), outcome.as(ADMISSION).reason(), gate.reason());
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

    static final Shape<DepartmentRuling> CUT = Shape.of(DEPARTMENT_RULESET, "publicFundsCut", DepartmentRuling.class);

    public DepartmentRuling department(LocalDate date, String overallGrade) {
        return engine.evaluate(DEPARTMENT_RULESET, date, Map.of("overallGrade", overallGrade)).as(CUT);
    }
}
