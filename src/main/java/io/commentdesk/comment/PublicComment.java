package io.commentdesk.comment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An approved comment as readers see it. Holds no personal data beyond what the author chose to publish. */
@Schema(name = "PublicComment")
public record PublicComment(
        @Schema(example = "1051") long id,
        @Schema(example = "news-2026-11-28-minerals") String articleId,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(example = "1001", nullable = true) Long parentId,
        @Schema(example = "Ana Lima") String authorName,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(example = "https://ana.example.com/", nullable = true) String authorUrl,
        @Schema(example = "Rare earths are only half the story.") String content,
        @Schema(example = "2026-11-28T16:04:05.123456Z") Instant createdAt) {

    static PublicComment of(Comment comment) {
        return new PublicComment(comment.id, comment.articleId, comment.parentId, comment.authorName, comment.authorUrl,
                comment.content, comment.createdAt);
    }
}
