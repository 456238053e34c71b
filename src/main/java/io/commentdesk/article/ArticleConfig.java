package io.commentdesk.article;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How articles gate submissions. */
@ConfigMapping(prefix = "comments.articles")
public interface ArticleConfig {

    /** Refuse comments on articles no admin registered ({@code COMMENTS_ARTICLES_REQUIRE_REGISTRATION}). */
    @WithDefault("false")
    boolean requireRegistration();

    /**
     * Close comments this many days after an article's registration, like WordPress's
     * {@code close_comments_days_old} ({@code COMMENTS_ARTICLES_CLOSE_AFTER_DAYS}); unset keeps them open.
     */
    Optional<Integer> closeAfterDays();
}
