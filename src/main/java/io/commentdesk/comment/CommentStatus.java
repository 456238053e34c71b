package io.commentdesk.comment;

/** Where a comment stands in moderation. Only {@code APPROVED} comments are ever shown to readers. */
public enum CommentStatus {
    PENDING, APPROVED, REJECTED, SPAM
}
