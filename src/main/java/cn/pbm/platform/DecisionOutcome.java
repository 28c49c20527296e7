package cn.pbm.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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

    /**
     * The decision's result read as {@code type}: a record from a context (its components by column name), or a
     * plain value (String, BigDecimal, Integer, Boolean, LocalDate). The read is declared by the family's
     * {@code <Family>Tables} ({@link DecisionShapes.Declaring}) and checked against the model at start-up, so a
     * column the model does not produce fails readiness, not a call.
     */
    public <T> T as(String decisionName, Class<T> type) {
        return type.cast(DecisionShapes.read(results.get(decisionName), type, where(decisionName), true));
    }

    /** Like {@link #as}, for a decision that may give no value (null). */
    public <T> T asOrNull(String decisionName, Class<T> type) {
        return type.cast(DecisionShapes.read(results.get(decisionName), type, where(decisionName), false));
    }

    /**
     * The decision's result, a collection (a COLLECT table, a list of lights), each item read as {@code type}; none
     * when the decision gave no value (a COLLECT table with no matching row).
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> listOf(String decisionName, Class<T> type) {
        Object value = results.get(decisionName);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(where(decisionName) + " did not produce a list but " + value);
        }
        List<Object> read = new java.util.ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            read.add(DecisionShapes.read(list.get(i), type, new DecisionShapes.Where(where(decisionName), '[', i),
                    true));
        }
        return (List<T>) List.copyOf(read);
    }

    /** The declared read {@code shape} (one value) of this outcome: {@link #as}, checked against the model at start-up. */
    public <T> T as(DecisionShapes.Shape<T> shape) {
        return as(declared(shape, false), shape.type());
    }

    /** The declared read {@code shape} of a decision that may give no value: {@link #asOrNull}. */
    public <T> T asOrNull(DecisionShapes.Shape<T> shape) {
        return asOrNull(declared(shape, false), shape.type());
    }

    /** The declared read {@code shape} of a collection: {@link #listOf}. */
    public <T> List<T> listOf(DecisionShapes.Shape<T> shape) {
        return listOf(declared(shape, true), shape.type());
    }

    private String declared(DecisionShapes.Shape<?> shape, boolean list) {
        if (shape.list() != list || !shape.rulesetId().equals(ruleset.id())) {
            throw new IllegalStateException("the read " + shape + " does not fit an outcome of " + ruleset.id());
        }
        return shape.decision();
    }

    /** The decision, named in an error message only (put together then). */
    private Object where(String decisionName) {
        Ruleset named = ruleset;
        return new Object() {
            @Override
            public String toString() {
                return named.id() + " " + named.version() + " decision " + decisionName;
            }
        };
    }

    /** A record component that the decision may leave null (an optional column); the others are required. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
    public @interface OrNull {
    }
}
