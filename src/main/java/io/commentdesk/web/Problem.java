package io.commentdesk.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail: the one body format of every error this service answers.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (media type application/problem+json).")
public record Problem(
        @Schema(description = """
                Stable URI naming the kind of problem: urn:commentdesk:problem:invalid-input (400, see errors), \
                malformed-body (400), not-found (404), method-not-allowed (405), not-acceptable (406), \
                payload-too-large (413), unsupported-media-type (415), internal-error (500), service-unavailable (503).""",
                example = "urn:commentdesk:problem:invalid-input")
        String type,
        @Schema(description = "Short summary of the kind of problem.", example = "Invalid input")
        String title,
        @Schema(description = "The HTTP status code.", example = "400")
        int status,
        @Schema(description = "What went wrong with this request.", example = "2 fields are invalid.")
        String detail,
        @Schema(description = "The request path this problem occurred on.", example = "/api/v1/articles/news-2026-11-28-minerals/comments")
        String instance,
        @Schema(description = "Every invalid field of the request, present only on invalid input.")
        List<FieldError> errors,
        @Schema(description = "The request's id, as in the X-Request-Id header: quote it when reporting a problem.",
                example = "5f0c2a1e-8d6b-4c1f-9a57-0d2c6e7b9f13")
        String requestId) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, List.of(), null);
    }

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors, null);
    }

    /** The same problem, naming the request it answers. */
    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, errors, id);
    }
}
