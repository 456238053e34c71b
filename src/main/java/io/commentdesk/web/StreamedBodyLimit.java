package io.commentdesk.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.vertx.core.http.HttpServerRequest;

/**
 * Stops reading a body that announced no length (chunked) once it passes
 * {@link RequestLimits#maxBodySize()}, so no encoding of a body can make the service buffer more.
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    private final Instance<RequestLimits> limits;
    private volatile RequestLimits resolved;

    StreamedBodyLimit(Instance<RequestLimits> limits) {
        // Resolved on first use: providers are built before runtime configuration is ready.
        this.limits = limits;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream(), limits()));
        return context.proceed();
    }

    /** Looked up once: each lookup of the configuration bean built a new instance, a few percent of a submission's CPU. */
    private RequestLimits limits() {
        RequestLimits current = resolved;
        if (current == null) {
            current = limits.get();
            resolved = current;
        }
        return current;
    }

    private static final class Bounded extends FilterInputStream {
        private final RequestLimits limits;
        private final long limit;
        private long read;

        Bounded(InputStream in, RequestLimits limits) {
            super(in);
            this.limits = limits;
            this.limit = limits.maxBodySize().asLongValue();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                Response.ResponseBuilder tooLarge = Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE);
                if (RequestLimits.closesAfterRefusal(currentRequest())) {
                    tooLarge.header("Connection", "close");
                }
                throw new WebApplicationException(limits.tooLargeDetail(), tooLarge.build());
            }
        }

        private static HttpServerRequest currentRequest() {
            ResteasyReactiveRequestContext current = CurrentRequestManager.get();
            return current == null ? null : current.serverRequest().unwrap(HttpServerRequest.class);
        }
    }
}
