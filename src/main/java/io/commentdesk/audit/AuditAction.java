package io.commentdesk.audit;

/** What a moderator did. */
public enum AuditAction {
    APPROVE, REJECT, SPAM, RESTORE, EDIT, CLAIM, RELEASE, REVEAL, REPARENT,
    /** What the anti-abuse rules decided on submission, with their reasons (actor "rules"). */
    RULES,
    /** An admin exported everything kept about an address (entry about the address's hash, no comment). */
    EXPORT,
    /** An admin erased an address from its comments, anonymising or deleting them (about the hash, no comment). */
    ERASE,
    /** An admin looked at what the privacy jobs did or have left (retention's last run, the keys' counts). */
    PRIVACY_VIEW,
    /** An admin ran the key rotation job (no comment; the detail says what it changed). */
    KEY_ROTATION
}
