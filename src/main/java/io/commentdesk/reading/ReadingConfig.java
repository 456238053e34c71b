package io.commentdesk.reading;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The readers' side. */
@ConfigMapping(prefix = "comments.reading")
public interface ReadingConfig {

    /** How long an author may preview their pending comment (WordPress: 10 minutes) ({@code COMMENTS_READING_PREVIEW_TTL}). */
    @WithDefault("10m")
    Duration previewTtl();

    /** Cache-Control max-age of lists and counts, for browsers and CDNs ({@code COMMENTS_READING_MAX_AGE}). */
    @WithDefault("5s")
    Duration maxAge();

    /** Cache-Control stale-while-revalidate ({@code COMMENTS_READING_STALE_WHILE_REVALIDATE}). */
    @WithDefault("30s")
    Duration staleWhileRevalidate();

    /** Article revisions a replica keeps in memory ({@code COMMENTS_READING_KNOWN_REVISIONS}). */
    @WithDefault("100000")
    long knownRevisions();
}
