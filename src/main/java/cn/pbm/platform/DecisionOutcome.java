package cn.pbm.platform;

import java.util.Map;

/**
 * What one DMN evaluation produced: the decision results by decision name, as the model produced them,
 * and the rule set version that produced them.
 */
public record DecisionOutcome(Ruleset ruleset, Map<String, Object> results) {

    /** A decision whose result is a DMN context (a table with several output columns). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> context(String decisionName) {
        Object value = results.get(decisionName);
        if (!(value instanceof Map)) {
            throw new IllegalStateException("decision '" + decisionName + "' of " + ruleset.id()
                    + " did not produce a context but " + value);
        }
        return (Map<String, Object>) value;
    }

    public String text(String decisionName, String column) {
        Object value = context(decisionName).get(column);
        if (!(value instanceof String text)) {
            throw new IllegalStateException("decision '" + decisionName + "' of " + ruleset.id()
                    + " has no text in column '" + column + "'");
        }
        return text;
    }
}
