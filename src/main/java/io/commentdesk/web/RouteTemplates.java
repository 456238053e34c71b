package io.commentdesk.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The route a request is counted and logged under: the endpoint's path template, which Quarkus REST
 * leaves on the request's context once it matched one. Answers given before that (a CORS preflight, a
 * 413 precheck, a 503 while stopping) or to no endpoint at all would otherwise be counted under their
 * raw path by the HTTP metrics, one series per article id anyone cares to send: they start out as
 * {@link #UNMATCHED}. Quarkus's own tools under {@code /q/} are left to Quarkus (not measured).
 */
@ApplicationScoped
public class RouteTemplates {

    public static final String UNMATCHED = "UNMATCHED";
    /** Where Quarkus REST (and the HTTP metrics after it) keep the matched endpoint's path template. */
    private static final String TEMPLATE = "UrlPathTemplate";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::preset);
    }

    private void preset(RoutingContext ctx) {
        if (ctx.request() instanceof HttpServerRequestInternal internal && !ctx.request().path().startsWith("/q/")) {
            internal.context().putLocal(TEMPLATE, UNMATCHED);
        }
        ctx.next();
    }

    /** The request's route: its endpoint's template, a Quarkus tool's path (a handful, fixed), or {@link #UNMATCHED}. */
    static String of(HttpServerRequest request) {
        Object template = request instanceof HttpServerRequestInternal internal ? internal.context().getLocal(TEMPLATE) : null;
        if (template != null) {
            return template.toString();
        }
        String path = request.path();
        if (path != null && path.startsWith("/q/") && path.length() <= 40
                && path.chars().allMatch(c -> c == '/' || c == '-' || (c >= 'a' && c <= 'z'))) {
            return path;
        }
        return UNMATCHED;
    }
}
