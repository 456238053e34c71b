package io.commentdesk.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request for ops (category {@code io.commentdesk.access}): method, route template,
 * status, duration and request id, also as structured fields of the JSON log. Never the raw path
 * (article ids are the readers' CMS's, unbounded, and a path is no place to search for a request by),
 * the query string (preview tokens, cursors), the client's address or any header: Quarkus's own
 * access log would write all of those, so it stays off.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.commentdesk.access");

    private final boolean enabled;

    AccessLog(AccessLogConfig config) {
        this.enabled = config.enabled();
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.route().order(Integer.MIN_VALUE + 1).handler(this::watch);
        }
    }

    private void watch(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ignored -> write(ctx, start));
        ctx.next();
    }

    private void write(RoutingContext ctx, long start) {
        HttpServerRequest request = ctx.request();
        String method = request.method().name();
        String route = RouteTemplates.of(request);
        int status = ctx.response().getStatusCode();
        long tenths = (System.nanoTime() - start) / 100_000;
        String millis = tenths / 10 + "." + tenths % 10;
        String id = RequestIds.of(ctx);
        MDC.put("method", method);
        MDC.put("route", route);
        MDC.put("status", status);
        MDC.put("durationMs", millis);
        MDC.put("requestId", id);
        try {
            LOG.infof("%s %s %d %s ms %s", method, route, status, millis, id);
        } finally {
            MDC.remove("method");
            MDC.remove("route");
            MDC.remove("status");
            MDC.remove("durationMs");
            MDC.remove("requestId");
        }
    }
}
