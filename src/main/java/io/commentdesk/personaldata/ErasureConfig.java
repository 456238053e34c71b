package io.commentdesk.personaldata;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of admins' privacy operations. */
@ConfigMapping(prefix = "comments.privacy")
public interface ErasureConfig {

    /** The name an anonymised comment shows instead of its author's ({@code COMMENTS_PRIVACY_ANONYMOUS_NAME}). */
    @WithDefault("Anonymous")
    @NotBlank
    @Size(max = 245)
    String anonymousName();
}
