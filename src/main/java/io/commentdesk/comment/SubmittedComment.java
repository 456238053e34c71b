package io.commentdesk.comment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a submission: the comment as stored, with its public fields only (never the email). */
@Schema(name = "SubmittedComment")
public record SubmittedComment(
        @Schema(description = "The comment's id.", example = "1051") long id,
        @Schema(description = "The article it belongs to.", example = "news-2026-11-28-minerals") String articleId,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "The comment it replies to, or null for a top-level comment.", example = "1001", nullable = true) Long parentId,
        @Schema(description = "PENDING: every comment waits for moderation.", example = "PENDING") CommentStatus status,
        @Schema(description = "The author's name, NFC-normalised and trimmed.", example = "Ana Lima") String authorName,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "The author's website, or null.", example = "https://ana.example.com/", nullable = true) String authorUrl,
        @Schema(description = "The comment text, NFC-normalised and trimmed, line breaks as \\n.", example = "Rare earths are only half the story.") String content,
        @Schema(description = "When it was received (UTC, microseconds).", example = "2026-11-28T16:04:05.123456Z") Instant createdAt,
        @Schema(description = "Lets the author see this pending comment for a while (comments.reading.preview-ttl, default "
                + "10 minutes): GET its Location with ?preview=<token>.", example = "1795882345.q3v9J0cXf4U2m8ZlKp1rW7sTn6yBd5Ge0hAaQxVzCkM")
        String previewToken) {

    static SubmittedComment of(Comment comment, String previewToken) {
        // A comment the rules sent to spam is reported as pending: its sender learns nothing.
        CommentStatus shown = comment.status == CommentStatus.SPAM ? CommentStatus.PENDING : comment.status;
        return new SubmittedComment(comment.id, comment.articleId, comment.parentId, shown, comment.authorName,
                comment.authorUrl, comment.content, comment.createdAt, previewToken);
    }
}
