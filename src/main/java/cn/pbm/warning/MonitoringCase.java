package cn.pbm.warning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One monitored project as a rule fact: its money, its flags and the lights the decision tables gave it.
 * The follow-up rules (decisions/warning/*.drl) read its components by name in their conditions (the executable
 * model takes a record's accessors as its properties) and add their actions to it.
 *
 * @param actions the actions in the order the rules fired (by salience); the rules' only write
 */
public record MonitoringCase(BigDecimal budget, BigDecimal executed, BigDecimal forecastYearEndExecuted,
        boolean directFunds, boolean implementationConditionsMet, String executionLight, List<String> targetLights,
        List<FollowUp> actions) {

    /** A project before the rules: no action yet. */
    public MonitoringCase(BigDecimal budget, BigDecimal executed, BigDecimal forecastYearEndExecuted,
            boolean directFunds, boolean implementationConditionsMet, String executionLight,
            List<String> targetLights) {
        this(budget, executed, forecastYearEndExecuted, directFunds, implementationConditionsMet, executionLight,
                targetLights, new ArrayList<>(2));
    }

    /** Called by name in the RECALL_FUNDS consequence of the rule files (hashed: they stay as they are). */
    public BigDecimal getBudget() {
        return budget;
    }

    /** Called by name in the RECALL_FUNDS consequence of the rule files, with {@link #getBudget()}. */
    public BigDecimal getForecastYearEndExecuted() {
        return forecastYearEndExecuted;
    }

    public void addAction(String code, String label, String source) {
        addAction(code, label, source, null);
    }

    public void addAction(String code, String label, String source, BigDecimal amount) {
        actions.add(new FollowUp(code, label, source, amount));
    }
}
