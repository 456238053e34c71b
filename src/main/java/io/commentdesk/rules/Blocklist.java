package io.commentdesk.rules;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Admins block an email (kept only as its keyed hash), an IP address or a CIDR range, optionally
 * until a time. Entries live in the database, so every replica enforces them at once.
 */
@ApplicationScoped
public class Blocklist {

    private final EntityManager em;
    private final LookupHasher hasher;

    Blocklist(EntityManager em, LookupHasher hasher) {
        this.em = em;
        this.hasher = hasher;
    }

    /**
     * @throws ProblemException 403 when the sender is blocked; the answer does not say by which entry
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(String emailHash, String ip, Instant now) {
        // One round trip: this runs on every submission. The sender's email entry, if any, and every IP entry
        // (ranges are matched here, byte by byte, never by the database or DNS).
        List<Object[]> entries = em.createQuery("select b.kind, b.value from Block b where (b.kind = :ip or b.value = :hash) "
                + "and (b.expiresAt is null or b.expiresAt > :now)", Object[].class)
                .setParameter("ip", Block.Kind.IP).setParameter("hash", emailHash).setParameter("now", now).getResultList();
        boolean blocked = entries.stream().anyMatch(entry -> entry[0] == Block.Kind.EMAIL
                || (ip != null && Cidr.parse((String) entry[1]).map(range -> range.contains(ip)).orElse(false)));
        if (blocked) {
            throw new ProblemException(ProblemType.BLOCKED, "You cannot comment here.");
        }
    }

    @Transactional
    public Block add(String email, String ip, String note, Instant expiresAt, String admin) {
        if ((email == null) == (ip == null)) {
            throw new InvalidInputException("email", "give exactly one of email and ip");
        }
        Block block = new Block();
        if (email != null) {
            block.kind = Block.Kind.EMAIL;
            block.value = hasher.emailHash(email);
        } else {
            block.kind = Block.Kind.IP;
            block.value = Cidr.parse(ip).orElseThrow(() -> new InvalidInputException("ip",
                    "must be an IPv4 or IPv6 address or CIDR range")).text();
        }
        block.note = note == null || note.isBlank() ? null : note.strip();
        block.expiresAt = expiresAt;
        block.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        block.createdBy = admin;
        em.persist(block);
        return block;
    }

    @Transactional
    public List<Block> list() {
        return em.createQuery("from Block b order by b.id desc", Block.class).setMaxResults(1000).getResultList();
    }

    @Transactional
    public boolean remove(long id) {
        return em.createQuery("delete from Block b where b.id = :id").setParameter("id", id).executeUpdate() > 0;
    }
}
