package io.commentdesk.web;

/**
 * A request that cannot be served as asked, for a reason the client should read: a conflict, a
 * stale version, a closed article. The detail is written by us and never quotes submitted values.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
