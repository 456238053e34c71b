package io.commentdesk.moderation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the moderation queue behaves. */
@ConfigMapping(prefix = "comments.moderation")
public interface ModerationConfig {

    /** How long a claim reserves a comment for its moderator ({@code COMMENTS_MODERATION_CLAIM_DURATION}). */
    @WithDefault("5m")
    Duration claimDuration();
}
