package io.commentdesk.comment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A reader's comment as stored. Personal data (email, IP address, user agent) is held only sealed
 * by {@link io.commentdesk.privacy.FieldCipher}; this entity never leaves the service layer, so no
 * column can reach the wire by accident.
 */
@Entity
@Table(name = "comment")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_id")
    @SequenceGenerator(name = "comment_id", sequenceName = "comment_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "article_id", nullable = false, updatable = false)
    public String articleId;

    @Column(name = "parent_id")
    public Long parentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommentStatus status;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "author_url")
    public String authorUrl;

    @Column(nullable = false)
    public String content;

    /** AES-GCM sealed address, tagged with its key id. */
    @Column(name = "email_sealed", nullable = false, updatable = false)
    public String emailSealed;

    /** HMAC-SHA256 of the normalised address: finds one commenter's comments without decrypting. */
    @Column(name = "email_hash", nullable = false, updatable = false)
    public String emailHash;

    /** Keyed hash of the sender's IP address, for the flood and rate rules. */
    @Column(name = "ip_hash", updatable = false)
    public String ipHash;

    /** Keyed hash of the normalised text, for the duplicate rule. */
    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "ip_sealed", updatable = false)
    public String ipSealed;

    @Column(name = "user_agent_sealed", updatable = false)
    public String userAgentSealed;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The moderator who claimed this pending comment, until {@link #leaseExpiresAt}. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    /** Why a rule held the comment for a moderator, one reason per line. */
    @Column(name = "hold_reasons")
    public String holdReasons;

    @Version
    @Column(nullable = false)
    public long version;

    /** Whether someone other than {@code moderator} holds an unexpired claim on this comment. */
    public boolean leasedToOtherThan(String moderator, Instant now) {
        return leaseOwner != null && leaseExpiresAt != null && leaseExpiresAt.isAfter(now) && !leaseOwner.equals(moderator);
    }
}
