package io.commentdesk.comment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deep reply threads may go. */
@ConfigMapping(prefix = "comments.replies")
public interface ReplyConfig {

    /**
     * Levels of a thread, the top-level comment being level 1; WordPress's {@code thread_comments_depth}
     * ({@code COMMENTS_REPLIES_MAX_DEPTH}).
     */
    @WithDefault("5")
    int maxDepth();
}
