package io.commentdesk.article;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered article as admins see it, with its comment counts per status. */
@Schema(name = "Article")
public record ArticleView(
        @Schema(example = "news-2026-11-28-minerals") String articleId,
        @Schema(example = "Russia floats rare mineral deal") String title,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(example = "https://news.example.com/2026/11/28/minerals", nullable = true) String url,
        @Schema(description = "What the admin set.", example = "true") boolean commentsOpen,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "When comments close, as set or as follows from comments.articles.close-after-days.",
                example = "2026-12-28T00:00:00Z", nullable = true) Instant closesAt,
        @Schema(description = "Whether a submission would be taken now.", example = "true") boolean acceptingComments,
        @Schema(description = "Comments per status.", example = "{\"PENDING\": 3, \"APPROVED\": 41, \"REJECTED\": 2, \"SPAM\": 9}")
        Map<String, Long> counts,
        @Schema(example = "2026-11-28T08:00:00Z") Instant createdAt,
        @Schema(example = "2026-11-28T08:00:00Z") Instant updatedAt,
        @Schema(example = "0") long version) {
}
