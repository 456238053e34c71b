package io.commentdesk.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own access log ({@link AccessLog}). */
@ConfigMapping(prefix = "comments.access-log")
public interface AccessLogConfig {

    /** One line per request, without address, path or query ({@code COMMENTS_ACCESS_LOG_ENABLED}). */
    @WithDefault("true")
    boolean enabled();
}
