package cn.pbm.budget;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import cn.pbm.platform.DecisionEngine;
import cn.pbm.platform.DecisionOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/** The project-library admission table (dmn/budget/project-library-admission.dmn): report threshold and verdict. */
@ApplicationScoped
public class AdmissionRules {

    public static final String RULESET = "budget.project-library-admission";

    private final DecisionEngine engine;

    public AdmissionRules(DecisionEngine engine) {
        this.engine = engine;
    }

    /**
     * @param exAnteConclusion the ex-ante grading's conclusion code, or null when no report was submitted
     * @param targetReview the target-review verdict code, or null when the caller did not send one
     */
    public Verdict decide(boolean newProject, BigDecimal amount, boolean reportSubmitted, String exAnteConclusion,
            String targetReview) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("newProject", newProject);
        inputs.put("amount", amount);
        inputs.put("exAnteReportSubmitted", reportSubmitted);
        inputs.put("exAnteConclusion", exAnteConclusion);
        inputs.put("targetReview", targetReview);
        DecisionOutcome outcome = engine.evaluate(RULESET, inputs);
        Map<String, Object> requirement = outcome.context("exAnteReportRequirement");
        Object required = requirement.get("required");
        if (!(required instanceof Boolean reportRequired)) {
            throw new IllegalStateException("table exAnteReportRequirement of " + RULESET + " gave no 'required' value");
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
}
