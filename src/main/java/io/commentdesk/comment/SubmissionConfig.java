package io.commentdesk.comment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How submissions are written: a few writers, each storing whatever has queued up in one transaction. */
@ConfigMapping(prefix = "comments.submission")
public interface SubmissionConfig {

    /**
     * Writer threads, each with one transaction (and pooled connection) at a time
     * ({@code COMMENTS_SUBMISSION_WRITERS}). Fewer writers make bigger batches: fewer commits for the
     * database that every replica shares. Two, so one batch is prepared while the other commits. On
     * 2 cores with 64 clients, four writers were the slowest in every A/B run (about 2,850 req/s,
     * against 3,000-3,500 with one, two or three), and src/bench/run.sh's submit p99 went from 62 ms
     * with four to 34 ms with two.
     */
    @WithDefault("2")
    int writers();

    /** Most submissions one transaction stores ({@code COMMENTS_SUBMISSION_MAX_BATCH}). */
    @WithDefault("64")
    int maxBatch();
}
