package cn.pbm.warning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One monitored project as a rule fact: its money, its flags and the lights the decision tables gave it.
 * The follow-up rules (decisions/warning/*.drl) add their actions to it.
 */
public class MonitoringCase {

    private final BigDecimal budget;
    private final BigDecimal executed;
    private final BigDecimal forecastYearEndExecuted;
    private final boolean directFunds;
    private final boolean implementationConditionsMet;
    private final String executionLight;
    private final List<String> targetLights;
    private List<FollowUp> actions = List.of();

    public MonitoringCase(BigDecimal budget, BigDecimal executed, BigDecimal forecastYearEndExecuted,
            boolean directFunds, boolean implementationConditionsMet, String executionLight,
            List<String> targetLights) {
        this.budget = budget;
        this.executed = executed;
        this.forecastYearEndExecuted = forecastYearEndExecuted;
        this.directFunds = directFunds;
        this.implementationConditionsMet = implementationConditionsMet;
        this.executionLight = executionLight;
        this.targetLights = targetLights;
    }

    public void addAction(String code, String label, String source) {
        addAction(code, label, source, null);
    }

    public void addAction(String code, String label, String source, BigDecimal amount) {
        if (actions.isEmpty()) {
            actions = new ArrayList<>(2);
        }
        actions.add(new FollowUp(code, label, source, amount));
    }

    /** The actions in the order the rules fired (by salience). */
    public List<FollowUp> getActions() {
        return actions;
    }

    public BigDecimal getBudget() {
        return budget;
    }

    public BigDecimal getExecuted() {
        return executed;
    }

    public BigDecimal getForecastYearEndExecuted() {
        return forecastYearEndExecuted;
    }

    public boolean isDirectFunds() {
        return directFunds;
    }

    public boolean isImplementationConditionsMet() {
        return implementationConditionsMet;
    }

    public String getExecutionLight() {
        return executionLight;
    }

    public List<String> getTargetLights() {
        return targetLights;
    }
}
