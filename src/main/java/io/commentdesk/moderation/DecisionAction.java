package io.commentdesk.moderation;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.comment.CommentStatus;

/** What a moderator decides, and the status it leads to. */
public enum DecisionAction {
    APPROVE(CommentStatus.APPROVED, AuditAction.APPROVE),
    REJECT(CommentStatus.REJECTED, AuditAction.REJECT),
    SPAM(CommentStatus.SPAM, AuditAction.SPAM),
    /** Puts a decided comment back in the queue. */
    RESTORE(CommentStatus.PENDING, AuditAction.RESTORE);

    private final CommentStatus target;
    private final AuditAction audit;

    DecisionAction(CommentStatus target, AuditAction audit) {
        this.target = target;
        this.audit = audit;
    }

    public CommentStatus target() {
        return target;
    }

    AuditAction audit() {
        return audit;
    }
}
