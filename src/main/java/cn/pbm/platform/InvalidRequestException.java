package cn.pbm.platform;

import java.util.List;

import cn.pbm.api.model.FieldError;

/**
 * Input that is well-formed JSON and passes the contract's schema but breaks a rule of the request itself
 * (a duplicate id, executed above budget...). Answered 400 with every offending field.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String pointer, String message) {
        this(List.of(Problems.field(pointer, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
