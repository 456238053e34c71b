package io.commentdesk.moderation;

import java.util.Locale;
import java.util.Optional;

import io.commentdesk.comment.CommentStatus;

/** Which comments a queue listing shows: one status, or the pending comments a rule held. */
enum QueueFilter {
    PENDING(CommentStatus.PENDING),
    /** Pending comments a rule held for a moderator (they carry reasons): a subset of {@link #PENDING}. */
    HELD(CommentStatus.PENDING),
    APPROVED(CommentStatus.APPROVED),
    REJECTED(CommentStatus.REJECTED),
    SPAM(CommentStatus.SPAM);

    static final String NAMES = "PENDING, HELD, APPROVED, REJECTED, SPAM";

    final CommentStatus status;

    QueueFilter(CommentStatus status) {
        this.status = status;
    }

    /** Pending comments are worked oldest first (FIFO); decided ones are looked back at, newest first. */
    boolean oldestFirst() {
        return status == CommentStatus.PENDING;
    }

    static Optional<QueueFilter> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
