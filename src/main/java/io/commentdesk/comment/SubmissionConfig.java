package io.commentdesk.comment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How submissions are written: a few writers, each storing whatever has queued up in one transaction. */
@ConfigMapping(prefix = "comments.submission")
public interface SubmissionConfig {

    /**
     * Writer threads, each with one transaction (and pooled connection) at a time
     * ({@code COMMENTS_SUBMISSION_WRITERS}). Fewer writers make bigger batches: fewer commits for the
     * database that every replica shares. Two, so one batch is prepared while the other commits; on
     * 2 cores, 64 clients, src/bench/run.sh's submit went from about 2,850 req/s with four writers to
     * 3,400 with two (p99 42 → 37 ms); one or three did no better.
     */
    @WithDefault("2")
    int writers();

    /** Most submissions one transaction stores ({@code COMMENTS_SUBMISSION_MAX_BATCH}). */
    @WithDefault("64")
    int maxBatch();
}
