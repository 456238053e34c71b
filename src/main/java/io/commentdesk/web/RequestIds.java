package io.commentdesk.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One id per request, so a reader's or an operator's report ("it failed at 16:04") can be found in
 * the logs: the caller's {@code X-Request-Id} when it is a plain token (a proxy's, a frontend's), else
 * a new one. Answered in the {@code X-Request-Id} header and inside every problem body.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "comment-desk.request-id";
    /** What a proxy or a tracing frontend sends (UUIDs, trace ids); anything else could forge log lines. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        if (VertxContext.isOnDuplicatedContext()) {
            // The REST layer serves the request on this same duplicated context, on the event loop or a worker.
            ContextLocals.put(KEY, id);
        }
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** The current request's id, for code that has its routing context. */
    static String of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The current request's id, for code running on the request's context (resources, exception mappers). */
    public static Optional<String> current() {
        return Vertx.currentContext() != null && VertxContext.isOnDuplicatedContext()
                ? ContextLocals.<String> get(KEY)
                : Optional.empty();
    }
}
