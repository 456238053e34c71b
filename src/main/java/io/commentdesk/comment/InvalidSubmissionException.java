package io.commentdesk.comment;

import java.util.List;
import java.util.function.Function;

import io.commentdesk.web.FieldError;
import io.commentdesk.web.InvalidInputException;

/** A submission broke one or more rules; the resource names the fields in the client's own terms. */
public class InvalidSubmissionException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidSubmissionException(List<Violation> violations) {
        super(violations.size() + " invalid field(s)", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    public InvalidInputException named(Function<SubmissionField, String> naming) {
        return new InvalidInputException(violations.stream()
                .map(v -> new FieldError(naming.apply(v.field()), v.message()))
                .toList());
    }
}
