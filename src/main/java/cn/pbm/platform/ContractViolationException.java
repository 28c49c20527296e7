package cn.pbm.platform;

import java.util.List;

import cn.pbm.api.model.FieldError;

/** The body breaks the contract's constraints, found outside the endpoint's own validation ({@link LongLists}). */
public class ContractViolationException extends RuntimeException {

    private final List<FieldError> errors;

    public ContractViolationException(List<FieldError> errors) {
        super(errors.size() + " contract violations");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
