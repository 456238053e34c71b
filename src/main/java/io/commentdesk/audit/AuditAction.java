package io.commentdesk.audit;

/** What a moderator did. */
public enum AuditAction {
    APPROVE, REJECT, SPAM, RESTORE, EDIT, CLAIM, RELEASE, REVEAL, REPARENT,
    /** What the anti-abuse rules decided on submission, with their reasons (actor "rules"). */
    RULES
}
