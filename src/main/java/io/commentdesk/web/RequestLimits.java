package io.commentdesk.web;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/** Limits on what a client may send. */
@ConfigMapping(prefix = "comments")
public interface RequestLimits {

    /**
     * The largest request body ({@code COMMENTS_MAX_BODY_SIZE}): room for the longest valid comment
     * (65,525 characters) in any encoding, with margin.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * How long a client may take to send a request's whole body once its headers are in
     * ({@code COMMENTS_BODY_READ_TIMEOUT}); then it is answered 408 and the connection closed.
     */
    @WithDefault("20s")
    Duration bodyReadTimeout();

    default String tooLargeDetail() {
        return "The request body is larger than " + maxBodySize().asLongValue() + " bytes.";
    }

    /**
     * Whether a 413 or 408 should close the connection, so the client stops sending the unread rest: on
     * HTTP/1.x only. HTTP/2 forbids the header (the stream would be reset instead of answered), and
     * there an unread body holds up no other request.
     */
    static boolean closesAfterRefusal(HttpServerRequest request) {
        return request == null || request.version() != HttpVersion.HTTP_2;
    }
}
