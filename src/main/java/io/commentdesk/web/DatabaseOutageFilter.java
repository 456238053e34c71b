package io.commentdesk.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.commentdesk.db.DatabaseOutage;

/**
 * While the database was found out of reach a moment ago, moderation, admin and count requests are
 * answered 503 before they wait for a connection: with the pool's acquisition timeout per request and
 * a bounded number of worker threads, waiting would pile requests up behind each other. Readers' lists
 * are not stopped here (they may be served from memory); submissions fail fast in their writers.
 */
public class DatabaseOutageFilter {

    private final DatabaseOutage outage;

    DatabaseOutageFilter(DatabaseOutage outage) {
        this.outage = outage;
    }

    @ServerRequestFilter
    public Response failFast(ContainerRequestContext request) {
        if (!outage.recent()) {
            return null;
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path.startsWith("/api/v1/moderation") || path.startsWith("/api/v1/admin") || path.startsWith("/api/v1/comment-counts")) {
            return ProblemMapper.unavailable(path);
        }
        return null;
    }
}
