package io.commentdesk.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a client may send. */
@ConfigMapping(prefix = "comments")
public interface RequestLimits {

    /**
     * The largest request body ({@code COMMENTS_MAX_BODY_SIZE}): room for the longest valid comment
     * (65,525 characters) in any encoding, with margin.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    default String tooLargeDetail() {
        return "The request body is larger than " + maxBodySize().asLongValue() + " bytes.";
    }
}
