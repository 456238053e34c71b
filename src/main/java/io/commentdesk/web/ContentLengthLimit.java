package io.commentdesk.web;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a body whose Content-Length is over {@link RequestLimits#maxBodySize()} before a byte of
 * it is read, with a problem+json 413 (Quarkus's own limit would answer an empty 413).
 */
@ApplicationScoped
public class ContentLengthLimit {

    private final long limit;
    private final String detail;
    private final ObjectMapper json;

    ContentLengthLimit(RequestLimits limits, ObjectMapper json) {
        this.limit = limits.maxBodySize().asLongValue();
        this.detail = limits.tooLargeDetail();
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null || !exceeds(length)) {
                ctx.next();
                return;
            }
            try {
                String body = json.writeValueAsString(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, detail, ctx.request().path()));
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } catch (IOException e) {
                ctx.fail(e);
            }
        });
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed Content-Length.
        }
    }
}
