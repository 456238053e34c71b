package io.commentdesk.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Idempotency-Key: the first submission with a key is stored with it; the same key with the same
 * body, within the TTL, gets the first answer again and stores nothing; with another body, 422.
 * The key row is claimed with an insert that waits on a concurrent twin, so a double click on two
 * replicas still makes one comment.
 */
@ApplicationScoped
public class Idempotency {

    private final EntityManager em;
    private final LookupHasher hasher;
    private final RulesConfig config;

    Idempotency(EntityManager em, LookupHasher hasher, RulesConfig config) {
        this.em = em;
        this.hasher = hasher;
        this.config = config;
    }

    /**
     * Claims the key for this request. While a hash key is rotated the key is claimed under every hash key
     * lookups accept (in one order, so two claims of one key never wait on each other in a cycle): a replica
     * still hashing with the old key and one hashing with the new meet on the same row.
     *
     * @return the id of the comment a previous identical request made, if any
     * @throws ProblemException 422 when the key was used for a different body
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> claim(String key, String requestFingerprint, Instant now) {
        TreeMap<String, String> requestHashes = new TreeMap<>();
        for (LookupHasher h : hasher.accepted()) {
            requestHashes.put(h.keyed("idempotency-key", key), h.keyed("idempotency-request", requestFingerprint));
        }
        List<String> inserted = new ArrayList<>();
        String taken = null;
        for (Map.Entry<String, String> claim : requestHashes.entrySet()) {
            em.createNativeQuery("DELETE FROM idempotency_key WHERE key_hash = ?1 AND created_at < ?2")
                    .setParameter(1, claim.getKey()).setParameter(2, now.minus(config.idempotency().ttl())).executeUpdate();
            if (em.createNativeQuery("INSERT INTO idempotency_key (key_hash, request_hash, created_at) VALUES (?1, ?2, ?3) "
                    + "ON CONFLICT DO NOTHING")
                    .setParameter(1, claim.getKey()).setParameter(2, claim.getValue()).setParameter(3, now).executeUpdate() == 1) {
                inserted.add(claim.getKey());
            } else if (taken == null) {
                taken = claim.getKey();
            }
        }
        if (taken == null) {
            return Optional.empty();
        }
        if (!inserted.isEmpty()) {
            // Claimed before under another hash key: the rows this claim added would answer "still being processed" for ever.
            em.createNativeQuery("DELETE FROM idempotency_key WHERE key_hash IN (?1)").setParameter(1, inserted).executeUpdate();
        }
        List<?> rows = em.createNativeQuery("SELECT request_hash, comment_id FROM idempotency_key WHERE key_hash = ?1")
                .setParameter(1, taken).getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (!requestHashes.get(taken).equals(((String) row[0]).trim())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different comment; use a new key for a new comment.");
        }
        if (row[1] == null) {
            throw new ProblemException(ProblemType.CONFLICT, "A request with this Idempotency-Key is still being processed.");
        }
        return Optional.of(((Number) row[1]).longValue());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String key, long commentId) {
        List<String> keyHashes = hasher.accepted().stream().map(h -> h.keyed("idempotency-key", key)).toList();
        em.createNativeQuery("UPDATE idempotency_key SET comment_id = ?1 WHERE key_hash IN (?2)")
                .setParameter(1, commentId).setParameter(2, keyHashes).executeUpdate();
    }
}
