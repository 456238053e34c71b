package io.commentdesk.personaldata;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long personal data is kept, and how often the retention job looks for what is older. */
@ConfigMapping(prefix = "comments.privacy")
public interface RetentionConfig {

    /** {@code COMMENTS_PRIVACY_IP_RETENTION}: a comment's IP address and user agent are removed once it is this old. */
    @WithDefault("30d")
    Duration ipRetention();

    /** {@code COMMENTS_PRIVACY_DECIDED_RETENTION}: REJECTED and SPAM comments are deleted this long after their last change. */
    @WithDefault("30d")
    Duration decidedRetention();

    /**
     * {@code COMMENTS_PRIVACY_RETENTION_EVERY}: how often each replica tries to run the job (one of them does it);
     * {@code off} never (the test profile: tests run it themselves).
     */
    @WithDefault("1h")
    String retentionEvery();

    /** {@code COMMENTS_PRIVACY_RETENTION_BATCH}: rows changed per short transaction. */
    @WithDefault("500")
    int retentionBatch();
}
