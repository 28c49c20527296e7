package cn.pbm.platform;

import java.util.Map;

import cn.pbm.api.model.RulesetRef;

/**
 * What the engine decided for one call: the call's unique id, the rule set that decided, and the
 * decision results by decision name, as the DMN model produced them.
 */
public record DecisionOutcome(java.util.UUID decisionId, RulesetRef ruleset, Map<String, Object> results) {

    /** A decision whose result is a DMN context (a table with several output columns). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> context(String decisionName) {
        Object value = results.get(decisionName);
        if (!(value instanceof Map)) {
            throw new IllegalStateException("decision '" + decisionName + "' of " + ruleset.getId()
                    + " did not produce a context but " + value);
        }
        return (Map<String, Object>) value;
    }

    public String text(String decisionName, String column) {
        Object value = context(decisionName).get(column);
        if (!(value instanceof String text)) {
            throw new IllegalStateException("decision '" + decisionName + "' of " + ruleset.getId()
                    + " has no text in column '" + column + "'");
        }
        return text;
    }
}
