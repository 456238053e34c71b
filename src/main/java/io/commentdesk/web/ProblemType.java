package io.commentdesk.web;

/**
 * The kinds of problem this service reports, each with a stable type URI that clients may switch on.
 */
public enum ProblemType {
    INVALID_INPUT(400, "Invalid input"),
    MALFORMED_BODY(400, "Malformed request body"),
    BAD_REQUEST(400, "Bad request"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL_ERROR(500, "Internal error"),
    /** Any other status a framework layer answers with; keeps the status, names no kind. */
    HTTP_ERROR(0, null);

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
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
            if (type.status == status && type != INVALID_INPUT && type != MALFORMED_BODY) {
                return type;
            }
        }
        return HTTP_ERROR;
    }
}
