package cn.pbm.budgetcut;

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
     */
    public Verdict decide(boolean newProject, BigDecimal amount, boolean reportSubmitted, String exAnteConclusion) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("newProject", newProject);
        inputs.put("amount", amount);
        inputs.put("exAnteReportSubmitted", reportSubmitted);
        inputs.put("exAnteConclusion", exAnteConclusion);
        DecisionOutcome outcome = engine.evaluate(RULESET, inputs);
        Map<String, Object> requirement = outcome.context("exAnteReportRequirement");
        Object required = requirement.get("required");
        if (!(required instanceof Boolean reportRequired)) {
            throw new IllegalStateException("table exAnteReportRequirement of " + RULESET + " gave no 'required' value");
        }
        return new Verdict(outcome, reportRequired, outcome.text("exAnteReportRequirement", "reason"),
                outcome.text("admission", "decision"), outcome.text("admission", "decisionLabel"),
                outcome.text("admission", "reason"));
    }

    public record Verdict(DecisionOutcome outcome, boolean reportRequired, String requirementReason,
            String decision, String decisionLabel, String reason) {
    }
}
