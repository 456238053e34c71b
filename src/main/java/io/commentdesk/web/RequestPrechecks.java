package io.commentdesk.web;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks on the request line and headers made before any body is read or any resource is chosen:
 * a Content-Length over {@link RequestLimits#maxBodySize()} (413), and a body whose Content-Type
 * is missing or unparsable (415). Each answers a problem, where the framework would answer an empty
 * 413 or fail on the unparsable header. And a deadline for the body: a client that has not sent all
 * of it within {@link RequestLimits#bodyReadTimeout()} is answered 408 and its connection closed, so
 * a slow or stalled sender costs a connection for a bounded time, never a thread for as long as it likes.
 */
@ApplicationScoped
public class RequestPrechecks {

    private static final Logger LOG = Logger.getLogger(RequestPrechecks.class);

    private final long limit;
    private final String tooLargeDetail;
    private final long bodyReadTimeoutMillis;
    private final String tooSlowDetail;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Event<RequestRefused> refused;

    RequestPrechecks(RequestLimits limits, ObjectMapper json, Vertx vertx, Event<RequestRefused> refused) {
        this.limit = limits.maxBodySize().asLongValue();
        this.tooLargeDetail = limits.tooLargeDetail();
        this.bodyReadTimeoutMillis = Math.max(1, limits.bodyReadTimeout().toMillis());
        this.tooSlowDetail = "The request body did not arrive within " + (bodyReadTimeoutMillis % 1000 == 0
                ? bodyReadTimeoutMillis / 1000 + " seconds." : bodyReadTimeoutMillis + " ms.");
        this.json = json;
        this.vertx = vertx;
        this.refused = refused;
    }

    void register(@Observes Router router) {
        // Just after CrossOrigin, so a refusal here carries the CORS headers an allowed page needs to read it.
        router.route().order(Integer.MIN_VALUE + 4).handler(this::check);
        router.route().order(Integer.MIN_VALUE + 4).failureHandler(this::alreadyAnswered);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            // The body is not read: close the connection rather than drain it.
            if (RequestLimits.closesAfterRefusal(request)) {
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
        if (hasBody && !request.isEnded()) {
            long deadline = vertx.setTimer(bodyReadTimeoutMillis, id -> bodyTooSlow(ctx));
            // Called once the response is sent or the connection is gone, whichever comes first.
            ctx.addEndHandler(ended -> vertx.cancelTimer(deadline));
        }
        ctx.next();
    }

    /**
     * A request whose body a worker thread was reading when the deadline answered it (an authenticated
     * call; submissions read theirs on the event loop) ends with a failure to write a second answer:
     * expected, and no error to report.
     */
    private void alreadyAnswered(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            LOG.debugf("Request to %s already answered or its connection gone; dropped what came after", ctx.request().path());
            return;
        }
        ctx.next();
    }

    private void bodyTooSlow(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || bodyArrived(request) || ctx.response().headWritten()) {
            // The body is in, or an answer has begun: the request is being served, however long it takes (an
            // admin's erasure of 100,000 comments, a streamed export), and cutting its connection would cut the answer.
            return;
        }
        boolean close = RequestLimits.closesAfterRefusal(request);
        if (!ctx.response().headWritten()) {
            if (close) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            answer(ctx, Problem.of(ProblemType.REQUEST_TIMEOUT, tooSlowDetail, request.path()));
        }
        if (close) {
            request.connection().close();
        }
    }

    /**
     * Whether every byte a Content-Length announced was read: once the REST layer has read a body, the
     * request does not always report itself ended.
     */
    private static boolean bodyArrived(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && request.bytesRead() >= Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void answer(RoutingContext ctx, Problem problem) {
        answer(ctx, json, problem);
        refused.fire(new RequestRefused(ctx.request().method().name(), ctx.request().path(), problem.status()));
    }

    /** A problem answered from a Vert.x route, before the REST layer (which has {@link ProblemMapper}). */
    static void answer(RoutingContext ctx, ObjectMapper json, Problem problem) {
        try {
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem.withRequestId(RequestIds.of(ctx))));
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
