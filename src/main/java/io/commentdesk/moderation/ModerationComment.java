package io.commentdesk.moderation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.comment.CommentStatus;

/** One comment in full for a decision, personal data included; reading it is recorded in the audit. */
@Schema(name = "ModerationComment")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModerationComment(
        @Schema(example = "1051") long id,
        @Schema(example = "news-2026-11-28-minerals") String articleId,
        @Schema(description = "The registered article's title; null when no admin registered the article.",
                example = "Minerals: the race for rare earths", nullable = true) String articleTitle,
        @Schema(description = "The registered article's address; null when not registered or registered without one.",
                example = "https://news.example.com/2026/11/28/minerals", nullable = true) String articleUrl,
        @Schema(example = "1001", nullable = true) Long parentId,
        @Schema(description = "The comment this one replies to, for context; null for a top-level comment.", nullable = true)
        ModerationItem.Parent parent,
        @Schema(example = "PENDING") CommentStatus status,
        @Schema(example = "Ana Lima") String authorName,
        @Schema(description = "Null once an admin erased the address (anonymised).", example = "ana@example.com", nullable = true)
        String authorEmail,
        @Schema(example = "https://ana.example.com/", nullable = true) String authorUrl,
        @Schema(example = "Rare earths are only half the story.") String content,
        @Schema(example = "203.0.113.7", nullable = true) String ipAddress,
        @Schema(example = "Mozilla/5.0 (X11; Linux x86_64)", nullable = true) String userAgent,
        @Schema(example = "2026-11-28T16:04:05.123456Z") Instant createdAt,
        @Schema(example = "2026-11-28T16:04:05.123456Z") Instant updatedAt,
        @Schema(example = "0") long version,
        List<String> reasons,
        @Schema(example = "jane", nullable = true) String claimedBy,
        @Schema(example = "2026-11-28T16:09:05Z", nullable = true) Instant claimExpiresAt) {
}
