package io.commentdesk.moderation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.comment.CommentStatus;

/** A comment in the moderation queue: everything needed to decide, with the address masked. */
@Schema(name = "ModerationItem")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModerationItem(
        @Schema(example = "1051") long id,
        @Schema(example = "news-2026-11-28-minerals") String articleId,
        @Schema(description = "The registered article's title; null when no admin registered the article.",
                example = "Minerals: the race for rare earths", nullable = true) String articleTitle,
        @Schema(description = "The registered article's address; null when not registered or registered without one.",
                example = "https://news.example.com/2026/11/28/minerals", nullable = true) String articleUrl,
        @Schema(example = "1001", nullable = true) Long parentId,
        @Schema(description = "The comment this one replies to, for context; null for a top-level comment.", nullable = true)
        Parent parent,
        @Schema(example = "PENDING") CommentStatus status,
        @Schema(example = "Ana Lima") String authorName,
        @Schema(description = "The address, masked; null once an admin erased it (anonymised).", example = "a***@example.com",
                nullable = true) String authorEmailMasked,
        @Schema(example = "https://ana.example.com/", nullable = true) String authorUrl,
        @Schema(example = "Rare earths are only half the story.") String content,
        @Schema(example = "2026-11-28T16:04:05.123456Z") Instant createdAt,
        @Schema(example = "2026-11-28T16:04:05.123456Z") Instant updatedAt,
        @Schema(description = "Send it back as If-Match: \"<version>\" to decide or edit.", example = "0") long version,
        @Schema(description = "Why a rule held this comment (empty when none did).") List<String> reasons,
        @Schema(description = "The moderator holding an unexpired claim, if any.", example = "jane", nullable = true) String claimedBy,
        @Schema(example = "2026-11-28T16:09:05Z", nullable = true) Instant claimExpiresAt) {

    /** What a moderator needs to see of the comment a reply answers (its author's address is not shown). */
    @Schema(name = "ParentComment")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Parent(
            @Schema(example = "1001") long id,
            @Schema(example = "Bo Chen") String authorName,
            @Schema(description = "The first 200 characters of its text.", example = "Recycling will not close the gap.")
            String excerpt,
            @Schema(example = "APPROVED") CommentStatus status) {
    }
}
