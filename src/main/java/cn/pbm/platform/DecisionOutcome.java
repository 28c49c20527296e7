package cn.pbm.platform;

import java.util.List;
import java.util.Map;

import cn.pbm.api.model.TableMatch;

/**
 * What one DMN evaluation produced, as one value (the engine's counterpart of GoRules Zen's result with its
 * trace): the decision results by decision name, as the model produced them; the rule set version that
 * produced them; the table rows the engine matched (empty unless the call is explained); and the outcome
 * the metrics count it under ({@link OutcomeLabel}, read from the model).
 */
public record DecisionOutcome(Ruleset ruleset, Map<String, Object> results, List<TableMatch> matches,
        String outcome) {

    /** An outcome without matched rows or an outcome label (built outside the engine). */
    public DecisionOutcome(Ruleset ruleset, Map<String, Object> results) {
        this(ruleset, results, List.of(), OutcomeLabel.NONE);
    }

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
