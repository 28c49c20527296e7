package cn.pbm.platform;

import java.time.LocalDate;
import java.util.List;

import cn.pbm.api.model.FieldError;

/**
 * No deployed version of a policy was in force on the date the request is about. Answered 422 naming the
 * policy and the date, and, once the caller says which request field held the date ({@link #at}), that field.
 */
public class NoRulesetInForceException extends RuntimeException {

    private final List<FieldError> errors;

    public NoRulesetInForceException(String rulesetId, LocalDate date, List<Ruleset> deployed) {
        this("no version of rule set '" + rulesetId + "' is in force on " + date + "; deployed: "
                + deployed.stream().map(r -> r.version() + " from " + r.effectiveFrom()
                        + (r.effectiveTo() == null ? "" : " to " + r.effectiveTo())).toList(), List.of());
    }

    /** Several request fields whose dates no version covers (each error names its field). */
    public NoRulesetInForceException(List<FieldError> errors) {
        this(errors.get(0).getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                errors);
    }

    private NoRulesetInForceException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** The same problem, naming the request field (a JSON pointer) that held the date. */
    public NoRulesetInForceException at(String pointer) {
        return new NoRulesetInForceException(getMessage(), List.of(Problems.field(pointer, getMessage())));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
