package io.commentdesk.personaldata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PrivacyKeys;

/**
 * How many stored rows each key still protects, so ops know when an old key may go: counted in the
 * database (every replica's rows), against the keys this replica was given. A full read of the comments:
 * for an admin's occasional look, not for a dashboard's scrape.
 */
@ApplicationScoped
public class KeyInventory {

    @Schema(name = "PrivacyKeys", description = "Which keys protect the stored rows; an old key may be dropped once it counts 0.")
    public record Inventory(Encryption encryption, Hashing hashing) {
    }

    @Schema(name = "EncryptionKeys")
    public record Encryption(
            @Schema(description = "The key id new values are sealed with, on this replica.", example = "k2") String currentKeyId,
            @Schema(description = "Every key id this replica can open, the current one first.", example = "[\"k2\", \"k1\"]")
            List<String> keyIds,
            @Schema(description = "Comments with at least one value (email, IP, user agent) sealed with each of those keys.",
                    example = "{\"k2\": 120345, \"k1\": 0}") Map<String, Long> comments,
            @Schema(description = "Comments with a value sealed with a key this replica was not given: unreadable here.",
                    example = "0") long otherKeys) {
    }

    @Schema(name = "HashKeys")
    public record Hashing(
            @Schema(description = "The hash key id new comments are hashed with, on this replica.", example = "h2") String currentKeyId,
            @Schema(description = "Every hash key id lookups accept on this replica, the current one first.",
                    example = "[\"h2\", \"h1\"]") List<String> keyIds,
            @Schema(description = "Comments by the id of the hash key their hashes were made with.",
                    example = "{\"h2\": 120345, \"h1\": 0}") Map<String, Long> comments,
            @Schema(description = "Blocklist email entries by hash key id. Made from an address that is not kept, they cannot "
                    + "be hashed again: enter them again before their key goes.", example = "{\"h1\": 3}")
            Map<String, Long> blocklistEmails) {
    }

    private final EntityManager em;
    private final PrivacyKeys keys;
    private final LookupHasher hasher;

    KeyInventory(EntityManager em, PrivacyKeys keys, LookupHasher hasher) {
        this.em = em;
        this.keys = keys;
        this.hasher = hasher;
    }

    @Transactional
    public Inventory count() {
        return new Inventory(encryption(), hashing());
    }

    private static final List<String> SEALED = List.of("email_sealed", "ip_sealed", "user_agent_sealed");

    private Encryption encryption() {
        List<String> ids = List.copyOf(keys.encryptionKeyIds());
        // One pass: per key id, the comments with a value sealed with it; then those with a value sealed with none of them.
        List<String> sums = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<String> any = new ArrayList<>();
            for (String column : SEALED) {
                any.add(prefix(column, ids, i) + " = :k" + i);
            }
            sums.add("SUM(CASE WHEN " + String.join(" OR ", any) + " THEN 1 ELSE 0 END)");
        }
        List<String> unknown = new ArrayList<>();
        for (String column : SEALED) {
            List<String> none = new ArrayList<>(List.of(column + " IS NOT NULL"));
            for (int i = 0; i < ids.size(); i++) {
                none.add(prefix(column, ids, i) + " <> :k" + i);
            }
            unknown.add("(" + String.join(" AND ", none) + ")");
        }
        sums.add("SUM(CASE WHEN " + String.join(" OR ", unknown) + " THEN 1 ELSE 0 END)");
        var query = em.createNativeQuery("SELECT " + String.join(", ", sums) + " FROM comment");
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter("k" + i, ids.get(i) + ":");
        }
        Object[] row = (Object[]) query.getSingleResult();
        Map<String, Long> comments = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            comments.put(ids.get(i), number(row[i]));
        }
        return new Encryption(keys.currentKeyId(), ids, comments, number(row[ids.size()]));
    }

    /** The start of a sealed value as long as key id {@code i}'s prefix ({@code "<id>:"}). */
    private static String prefix(String column, List<String> ids, int i) {
        return "LEFT(" + column + ", " + (ids.get(i).length() + 1) + ")";
    }

    private Hashing hashing() {
        List<String> ids = hasher.accepted().stream().map(LookupHasher::keyId).toList();
        return new Hashing(hasher.keyId(), ids,
                byKeyId("SELECT hash_key_id, count(*) FROM comment GROUP BY hash_key_id", ids),
                byKeyId("SELECT hash_key_id, count(*) FROM block WHERE kind = 'EMAIL' GROUP BY hash_key_id", ids));
    }

    /** Counts by key id: every accepted id (0 when none), then any other id found. */
    private Map<String, Long> byKeyId(String sql, List<String> ids) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ids.forEach(id -> counts.put(id, 0L));
        for (Object o : em.createNativeQuery(sql).getResultList()) {
            Object[] r = (Object[]) o;
            counts.merge(r[0] == null ? "none" : ((String) r[0]).trim(), number(r[1]), Long::sum);
        }
        return counts;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
