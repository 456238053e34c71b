package io.commentdesk.notices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many article revisions a replica remembers (a readers' setting, kept with the revisions). */
@ConfigMapping(prefix = "comments.reading")
public interface RevisionsConfig {

    /** {@code COMMENTS_READING_KNOWN_REVISIONS}; others are read from the database. */
    @WithDefault("100000")
    long knownRevisions();
}
