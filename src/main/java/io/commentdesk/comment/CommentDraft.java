package io.commentdesk.comment;

import java.util.Map;

/**
 * A submission as it arrived, before any check: raw text per field ({@code null} when absent),
 * plus the fields that could not even be read as text (a number where a string belongs, say), and
 * the hidden honeypot field ({@code null} or empty from people).
 */
public record CommentDraft(
        String articleId,
        String authorName,
        String authorEmail,
        String authorUrl,
        String content,
        String parentId,
        Map<SubmissionField, String> unreadable,
        String honeypot) {

    public CommentDraft(String articleId, String authorName, String authorEmail, String authorUrl, String content, String parentId,
            Map<SubmissionField, String> unreadable) {
        this(articleId, authorName, authorEmail, authorUrl, content, parentId, unreadable, null);
    }

    public CommentDraft {
        unreadable = unreadable == null ? Map.of() : Map.copyOf(unreadable);
    }
}
