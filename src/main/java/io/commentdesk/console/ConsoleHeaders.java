package io.commentdesk.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console page's Content-Security-Policy: its own scripts and styles only (no inline script or style,
 * no third party), API calls to this service, and the token request to the newsroom's identity provider.
 * Set on the page's HTML before web/SecurityHeaders would give it the policy of pages without scripts.
 */
@ApplicationScoped
public class ConsoleHeaders {

    private final String policy;

    ConsoleHeaders(ConsoleConfig config) {
        String provider = config.oidcIssuer().map(ConsoleHeaders::origin).map(o -> " " + o).orElse("");
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'" + provider
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    void register(@Observes Router router) {
        router.route("/moderate/*").order(Integer.MIN_VALUE + 1).handler(this::add);
    }

    private void add(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> {
            String type = ctx.response().headers().get(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.regionMatches(true, 0, "text/html", 0, 9)) {
                ctx.response().putHeader("Content-Security-Policy", policy);
            }
        });
        ctx.next();
    }

    String policy() {
        return policy;
    }
}
