package io.commentdesk.web;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks on the request line and headers made before any body is read or any resource is chosen:
 * a Content-Length over {@link RequestLimits#maxBodySize()} (413), and a body whose Content-Type
 * is missing or unparsable (415). Each answers a problem, where the framework would answer an empty
 * 413 or fail on the unparsable header.
 */
@ApplicationScoped
public class RequestPrechecks {

    private final long limit;
    private final String tooLargeDetail;
    private final ObjectMapper json;

    RequestPrechecks(RequestLimits limits, ObjectMapper json) {
        this.limit = limits.maxBodySize().asLongValue();
        this.tooLargeDetail = limits.tooLargeDetail();
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            // The body is not read: close the connection rather than drain it.
            if (RequestLimits.closesAfterTooLarge(request)) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            answer(ctx, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, tooLargeDetail, request.path()));
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean hasBody = (length != null && !length.trim().equals("0")) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody && (type == null || !parses(type))) {
            answer(ctx, Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, type == null
                    ? "The request has a body but no Content-Type; send application/json or application/x-www-form-urlencoded."
                    : "The Content-Type header cannot be parsed; send application/json or application/x-www-form-urlencoded.",
                    request.path()));
            return;
        }
        ctx.next();
    }

    private void answer(RoutingContext ctx, Problem problem) {
        try {
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

    private static boolean parses(String contentType) {
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed Content-Length.
        }
    }
}
