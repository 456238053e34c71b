package io.commentdesk.privacy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a preview token lets an author see their pending comment (a readers' setting, kept with the tokens). */
@ConfigMapping(prefix = "comments.reading")
public interface PreviewConfig {

    /** WordPress: 10 minutes ({@code COMMENTS_READING_PREVIEW_TTL}). */
    @WithDefault("10m")
    Duration previewTtl();
}
