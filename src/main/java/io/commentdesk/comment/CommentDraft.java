package io.commentdesk.comment;

import java.util.Map;

/**
 * A submission as it arrived, before any check: raw text per field ({@code null} when absent),
 * plus the fields that could not even be read as text (a number where a string belongs, say).
 */
public record CommentDraft(
        String articleId,
        String authorName,
        String authorEmail,
        String authorUrl,
        String content,
        String parentId,
        Map<SubmissionField, String> unreadable) {

    public CommentDraft {
        unreadable = unreadable == null ? Map.of() : Map.copyOf(unreadable);
    }
}
