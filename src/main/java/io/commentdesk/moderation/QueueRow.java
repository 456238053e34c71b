package io.commentdesk.moderation;

import java.time.Instant;

import io.commentdesk.comment.CommentStatus;

/**
 * The columns a queue page shows, read as values rather than as entities: a page is read-only, and
 * building fifty managed entities cost more than the query itself. The sealed address is the only
 * personal field read; IP address and user agent stay in the table.
 */
record QueueRow(Long id, String articleId, Long parentId, CommentStatus status, String authorName, String emailSealed,
        String authorUrl, String content, Instant createdAt, Instant updatedAt, Long version, String holdReasons,
        String leaseOwner, Instant leaseExpiresAt) {

    /** The select clause for a query on {@code Comment c}. */
    static final String SELECT = "select new io.commentdesk.moderation.QueueRow(c.id, c.articleId, c.parentId, c.status, "
            + "c.authorName, c.emailSealed, c.authorUrl, c.content, c.createdAt, c.updatedAt, c.version, c.holdReasons, "
            + "c.leaseOwner, c.leaseExpiresAt) ";

    /** The same values from a comment already loaded (one just decided or edited). */
    static QueueRow of(io.commentdesk.comment.Comment c) {
        return new QueueRow(c.id, c.articleId, c.parentId, c.status, c.authorName, c.emailSealed, c.authorUrl, c.content,
                c.createdAt, c.updatedAt, c.version, c.holdReasons, c.leaseOwner, c.leaseExpiresAt);
    }
}
