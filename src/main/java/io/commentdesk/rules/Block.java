package io.commentdesk.rules;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One blocklist entry: an email (its keyed hash) or an IP address or range. */
@Entity
@Table(name = "block")
public class Block {

    /** What an entry blocks. */
    public enum Kind { EMAIL, IP }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "block_id")
    @SequenceGenerator(name = "block_id", sequenceName = "block_id_seq", allocationSize = 1)
    public Long id;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The email's keyed hash, or the IP/CIDR in canonical form. */
    @Column(name = "target", nullable = false)
    public String value;

    /** For an email entry, the id of the hash key that made {@link #value}; it cannot be made again with another. */
    @Column(name = "hash_key_id")
    public String hashKeyId;

    public String note;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
