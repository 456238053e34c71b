package io.commentdesk.personaldata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often the key rotation job looks for rows sealed or hashed with a key that is no longer current. */
@ConfigMapping(prefix = "comments.privacy")
public interface KeyRotationConfig {

    /**
     * {@code COMMENTS_PRIVACY_REKEY_EVERY}: how often each replica tries to run the job (one of them does it);
     * {@code off} never (the test profile: tests run it themselves). With nothing to do, a run is one index scan.
     */
    @WithDefault("10m")
    String rekeyEvery();

    /** {@code COMMENTS_PRIVACY_REKEY_BATCH}: comments re-encrypted or re-hashed per short transaction. */
    @WithDefault("500")
    int rekeyBatch();
}
