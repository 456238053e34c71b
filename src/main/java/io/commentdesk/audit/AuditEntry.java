package io.commentdesk.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * One moderator action on one comment, or one admin's privacy action about an address (then no comment,
 * and the address's keyed hash only). Written once, in the action's own transaction; changed only by an
 * erasure, which clears what it held of the erased person's words and detaches a deleted comment.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_id")
    @SequenceGenerator(name = "audit_entry_id", sequenceName = "audit_entry_id_seq", allocationSize = 50)
    public Long id;

    /** The comment acted on; null for an action about an address, or once the comment was deleted. */
    @Column(name = "comment_id")
    public Long commentId;

    /** The keyed hash of the address an admin's privacy action was about; never the address. */
    @Column(name = "subject_hash")
    public String subjectHash;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    public String reason;

    public String detail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
