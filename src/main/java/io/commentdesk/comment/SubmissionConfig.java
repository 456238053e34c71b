package io.commentdesk.comment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How submissions are written: a few writers, each storing whatever has queued up in one transaction. */
@ConfigMapping(prefix = "comments.submission")
public interface SubmissionConfig {

    /**
     * Writer threads, each with one transaction (and pooled connection) at a time
     * ({@code COMMENTS_SUBMISSION_WRITERS}). Fewer writers make bigger batches.
     */
    @WithDefault("4")
    int writers();

    /** Most submissions one transaction stores ({@code COMMENTS_SUBMISSION_MAX_BATCH}). */
    @WithDefault("64")
    int maxBatch();
}
