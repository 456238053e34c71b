package io.commentdesk.web;

import java.util.List;

/**
 * Thrown when one or more fields of a request are invalid; carries every invalid field at once.
 */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        // No values in the message: it may reach a log, and values may be private (an email address).
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
