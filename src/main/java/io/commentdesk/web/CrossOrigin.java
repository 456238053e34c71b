package io.commentdesk.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the API: pages on the frontend origins ({@link FrontendOrigins}) may call it from
 * script and read the answers. A request from any other origin that a browser sends without asking
 * first, a plain form post above all, is served as if it had no {@code Origin}: it is no CORS
 * request, and refusing it would lose a reader's comment (browsers send {@code Origin: null} under
 * {@code Referrer-Policy: no-referrer}). Only what a browser would have asked leave for (a
 * preflight, a JSON post, a token-bearing call) is refused from another origin, with a problem.
 * Quarkus's own CORS filter, which answers every other origin with an empty 403, is off.
 */
@ApplicationScoped
public class CrossOrigin {

    static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOW_HEADERS = "Content-Type, Accept, Authorization, If-Match, If-None-Match, Idempotency-Key, X-Request-Id";
    static final String EXPOSE_HEADERS = "ETag, Location, Retry-After, X-Request-Id";
    static final String MAX_AGE_SECONDS = "3600";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** The media types a page may post without a preflight (the fetch standard's CORS-safelisted ones). */
    private static final Set<String> SIMPLE_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private final FrontendOrigins origins;
    private final ObjectMapper json;

    CrossOrigin(FrontendOrigins origins, ObjectMapper json) {
        this.origins = origins;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 3).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        // Every API answer depends on Origin (its CORS headers do), so a shared cache must key on it.
        if (request.path().startsWith("/api/")) {
            response.headers().add(HttpHeaders.VARY, "Origin");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (origins.allows(origin) || sameOrigin(request, origin)) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            if (preflight) {
                answerPreflight(ctx);
                return;
            }
            response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
            ctx.next();
        } else if (!preflight && withoutPreflight(request)) {
            ctx.next();
        } else {
            refuse(ctx, "Pages on this origin may not call this API from script; COMMENTS_ALLOWED_ORIGINS lists those that may.");
        }
    }

    private void answerPreflight(RoutingContext ctx) {
        String method = ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD).trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            refuse(ctx, "This API does not take that method from other origins.");
            return;
        }
        ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS)
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
                .end();
    }

    /** A request a browser sends from any page without asking first: GET, HEAD, or a POST a plain form could make. */
    private static boolean withoutPreflight(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        }
        if (method != HttpMethod.POST || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return true;
        }
        int semicolon = type.indexOf(';');
        return SIMPLE_TYPES.contains((semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT));
    }

    /** A page of this service itself (Swagger UI), as the browser saw the host. */
    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && FrontendOrigins.originOf(origin)
                .equals(FrontendOrigins.originOf(request.scheme() + "://" + host));
    }

    private void refuse(RoutingContext ctx, String detail) {
        try {
            ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(Problem.of(ProblemType.ORIGIN_NOT_ALLOWED, detail, ctx.request().path())
                            .withRequestId(RequestIds.of(ctx))));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }
}
