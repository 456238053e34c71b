package io.commentdesk.web;

/** A sender must wait before posting again; the answer carries Retry-After. */
public class TooManyRequestsException extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(ProblemType.TOO_MANY_REQUESTS, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
