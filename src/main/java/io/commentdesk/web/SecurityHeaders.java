package io.commentdesk.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries: no MIME sniffing, no referrer sent on from our pages, and on the
 * HTML this service writes itself a CSP that allows nothing but its own stylesheet-free markup and
 * forbids framing. Quarkus's tools under {@code /q/} (Swagger UI, off in prod) run inline scripts:
 * they get only the framing ban.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String STRICT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String TOOLS_CSP = "frame-ancestors 'none'";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::add);
    }

    private void add(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Referrer-Policy", "no-referrer");
        boolean tools = ctx.request().path().startsWith("/q/");
        ctx.addHeadersEndHandler(ignored -> {
            String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.regionMatches(true, 0, "text/html", 0, 9) && !response.headers().contains("Content-Security-Policy")) {
                response.putHeader("Content-Security-Policy", tools ? TOOLS_CSP : STRICT_CSP);
            }
        });
        ctx.next();
    }
}
