package io.commentdesk.reading;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The readers' side: how long lists may be cached. (The preview tokens' lifetime and the revisions a
 * replica remembers share the prefix; they are read where they are used, {@code PreviewConfig} and
 * {@code RevisionsConfig}.)
 */
@ConfigMapping(prefix = "comments.reading")
public interface ReadingConfig {

    /** Cache-Control max-age of lists and counts, for browsers and CDNs ({@code COMMENTS_READING_MAX_AGE}). */
    @WithDefault("5s")
    Duration maxAge();

    /** Cache-Control stale-while-revalidate ({@code COMMENTS_READING_STALE_WHILE_REVALIDATE}). */
    @WithDefault("30s")
    Duration staleWhileRevalidate();
}
