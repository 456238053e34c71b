package io.commentdesk.web;

/**
 * The kinds of problem this service reports, each with a stable type URI that clients may switch on.
 */
public enum ProblemType {
    INVALID_INPUT(400, "Invalid input", false),
    MALFORMED_BODY(400, "Malformed request body", false),
    BAD_REQUEST(400, "Bad request", true),
    UNAUTHORIZED(401, "Authentication required", true),
    FORBIDDEN(403, "Forbidden", true),
    COMMENTS_CLOSED(403, "Comments are closed", false),
    BLOCKED(403, "Not allowed to comment", false),
    ORIGIN_NOT_ALLOWED(403, "Origin not allowed", false),
    NOT_FOUND(404, "Not found", true),
    METHOD_NOT_ALLOWED(405, "Method not allowed", true),
    NOT_ACCEPTABLE(406, "Not acceptable", true),
    REQUEST_TIMEOUT(408, "Request timeout", true),
    CONFLICT(409, "Conflict", true),
    DUPLICATE_COMMENT(409, "Duplicate comment", false),
    PRECONDITION_FAILED(412, "Precondition failed", true),
    PAYLOAD_TOO_LARGE(413, "Request body too large", true),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", true),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused", false),
    PRECONDITION_REQUIRED(428, "Precondition required", true),
    TOO_MANY_REQUESTS(429, "Too many comments", true),
    INTERNAL_ERROR(500, "Internal error", true),
    SERVICE_UNAVAILABLE(503, "Service unavailable", true),
    /** Any other status a framework layer answers with; keeps the status, names no kind. */
    HTTP_ERROR(0, null, false);

    private final int status;
    private final String title;
    /** Whether this is the type to use for a bare status raised by the framework. */
    private final boolean generic;

    ProblemType(int status, String title, boolean generic) {
        this.status = status;
        this.title = title;
        this.generic = generic;
    }

    public String uri() {
        return this == HTTP_ERROR ? "about:blank" : "urn:commentdesk:problem:" + name().toLowerCase().replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type that matches a bare HTTP status, for errors raised by the framework itself. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.generic && type.status == status) {
                return type;
            }
        }
        return HTTP_ERROR;
    }
}
