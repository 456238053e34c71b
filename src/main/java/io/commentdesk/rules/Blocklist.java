package io.commentdesk.rules;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.notices.Announcer;
import io.commentdesk.notices.Noticed;
import io.commentdesk.notices.NoticedMemory;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.web.Cidr;
import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Admins block an email (kept only as its keyed hash), an IP address or a CIDR range, optionally
 * until a time. Entries live in the database; each replica remembers the whole list
 * ({@link NoticedMemory}), so a submission is checked without a database read, and a change made
 * on any replica is announced and applies on every other within milliseconds.
 */
@ApplicationScoped
public class Blocklist implements Noticed {

    /** One entry as the check needs it: an email hash, or a parsed address range. */
    record Entry(Block.Kind kind, String emailHash, Cidr range, Instant expiresAt) {
        boolean blocks(List<String> hashes, String ip, Instant now) {
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                return false;
            }
            return kind == Block.Kind.EMAIL ? hashes.contains(emailHash) : ip != null && range != null && range.contains(ip);
        }
    }

    private static final String ALL = "all";

    private final EntityManager em;
    private final LookupHasher hasher;
    private final Announcer announcer;
    private final NoticedMemory<String, List<Entry>> known;

    Blocklist(EntityManager em, LookupHasher hasher, Announcer announcer) {
        this.em = em;
        this.hasher = hasher;
        this.announcer = announcer;
        this.known = new NoticedMemory<>(1, !announcer.postgres());
    }

    /**
     * A 403 when the sender is blocked, returned rather than thrown; the answer does not say by which entry.
     * The address comes as its hashes under every hash key lookups accept: an entry made with either blocks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ProblemException> refusal(List<String> emailHashes, String ip, Instant now) {
        if (entries().stream().anyMatch(entry -> entry.blocks(emailHashes, ip, now))) {
            return Optional.of(new ProblemException(ProblemType.BLOCKED, "You cannot comment here."));
        }
        return Optional.empty();
    }

    private List<Entry> entries() {
        List<Entry> entries = known.known(ALL);
        if (entries == null) {
            long mark = known.mark();
            entries = em.createQuery("from Block b", Block.class).getResultList().stream()
                    .map(b -> new Entry(b.kind, b.value, b.kind == Block.Kind.IP ? Cidr.parse(b.value).orElse(null) : null,
                            b.expiresAt))
                    .toList();
            known.learn(mark, ALL, entries, (old, read) -> read);
        }
        return entries;
    }

    private void changed() {
        announcer.announce(channel(), "", () -> known.changed(ALL, null, null));
    }

    @Override
    public String channel() {
        return "blocklist";
    }

    @Override
    public void heard(String payload) {
        known.changed(ALL, null, null);
    }

    @Override
    public NoticedMemory<String, List<Entry>> memory() {
        return known;
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
            block.hashKeyId = hasher.keyId();
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
        changed();
        return block;
    }

    @Transactional
    public List<Block> list() {
        return em.createQuery("from Block b order by b.id desc", Block.class).setMaxResults(1000).getResultList();
    }

    @Transactional
    public boolean remove(long id) {
        boolean removed = em.createQuery("delete from Block b where b.id = :id").setParameter("id", id).executeUpdate() > 0;
        if (removed) {
            changed();
        }
        return removed;
    }
}
