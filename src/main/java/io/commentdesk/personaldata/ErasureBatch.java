package io.commentdesk.personaldata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.identity.Moderator;
import io.commentdesk.notices.ArticleRevisions;
import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.privacy.LookupHasher;

/**
 * One bounded step of an erasure, in its own transaction: at most {@link #SIZE} comments of one address,
 * row-locked in id order, anonymised or deleted, with everything that pointed at them (idempotency records,
 * sender gates of their IP addresses, edits' previous texts in the audit) and the readers' revisions of
 * the articles whose approved comments changed. Plain statements: no entity is loaded.
 */
@ApplicationScoped
class ErasureBatch {

    /** Comments per transaction: small enough that no lock is held for long. */
    static final int SIZE = 500;

    private record Row(long id, String articleId, Long parentId, CommentStatus status, String ipHash, String ipSealed) {
    }

    private final EntityManager em;
    private final AuditLog audit;
    private final ArticleRevisions revisions;
    private final ErasureConfig config;
    private final LookupHasher hasher;
    private final FieldCipher cipher;

    ErasureBatch(EntityManager em, AuditLog audit, ArticleRevisions revisions, ErasureConfig config, LookupHasher hasher,
            FieldCipher cipher) {
        this.em = em;
        this.hasher = hasher;
        this.cipher = cipher;
        this.audit = audit;
        this.revisions = revisions;
        this.config = config;
    }

    /** Erases the next batch of this address's comments; how many it erased (0: none left). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int next(List<String> emailHashes, ErasureMode mode, Moderator admin) {
        List<Row> rows = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT id, article_id, parent_id, status, ip_hash, ip_sealed FROM comment "
                + "WHERE email_hash IN (:hashes) ORDER BY id LIMIT " + SIZE + " FOR UPDATE").setParameter("hashes", emailHashes)
                .getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new Row(((Number) r[0]).longValue(), (String) r[1], r[2] == null ? null : ((Number) r[2]).longValue(),
                    CommentStatus.valueOf(((String) r[3]).trim()), r[4] == null ? null : ((String) r[4]).trim(), (String) r[5]));
        }
        if (rows.isEmpty()) {
            return 0;
        }
        Instant now = audit.now();
        List<Long> ids = rows.stream().map(Row::id).toList();
        TreeSet<String> changedArticles = new TreeSet<>();
        TreeSet<String> ipHashes = new TreeSet<>();
        for (Row row : rows) {
            if (row.status() == CommentStatus.APPROVED) {
                changedArticles.add(row.articleId());
            }
            if (row.ipHash() != null) {
                ipHashes.add(row.ipHash());
            }
            if (row.ipSealed() != null && !hasher.others().isEmpty()) {
                // While a hash key is rotated, the gates hold the address under every key lookups accept.
                String ip = cipher.open(Purpose.IP_ADDRESS, row.ipSealed());
                hasher.accepted().forEach(h -> ipHashes.add(h.ipHash(ip)));
            }
        }
        // A replayed Idempotency-Key would answer with an erased comment, and the record ties a request to its sender.
        em.createNativeQuery("DELETE FROM idempotency_key WHERE comment_id IN (:ids)").setParameter("ids", ids).executeUpdate();
        // The flood gates of the addresses these came from: the IP is the erased person's as much as the email is.
        if (!ipHashes.isEmpty()) {
            em.createNativeQuery("DELETE FROM sender_gate WHERE sender_key IN (:keys)").setParameter("keys", ipHashes).executeUpdate();
        }
        audit.forgetErased(ids, mode == ErasureMode.DELETE);
        if (mode == ErasureMode.DELETE) {
            moveRepliesUp(rows, admin);
            em.createNativeQuery("DELETE FROM comment WHERE id IN (:ids)").setParameter("ids", ids).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE comment SET author_name = :name, author_url = NULL, email_sealed = NULL, email_hash = NULL, "
                    + "ip_sealed = NULL, ip_hash = NULL, user_agent_sealed = NULL, content_hash = NULL, version = version + 1, "
                    + "updated_at = :now WHERE id IN (:ids)")
                    .setParameter("name", config.anonymousName().strip()).setParameter("now", now).setParameter("ids", ids)
                    .executeUpdate();
        }
        changedArticles.forEach(revisions::bump);
        return rows.size();
    }

    /**
     * Replies to comments being deleted, other than those deleted with them, move up to the nearest
     * ancestor that stays (top level when none does), marked as answering a removed comment, as a decision
     * moves replies up when their parent leaves APPROVED. Replies of this address in a later batch move too,
     * and again when their own turn comes.
     */
    private void moveRepliesUp(List<Row> rows, Moderator admin) {
        Map<Long, Row> deleted = new HashMap<>();
        rows.forEach(r -> deleted.put(r.id(), r));
        List<?> replies = em.createNativeQuery("SELECT id, parent_id, status FROM comment WHERE parent_id IN (:ids) ORDER BY id FOR UPDATE")
                .setParameter("ids", List.copyOf(deleted.keySet())).getResultList();
        for (Object o : replies) {
            Object[] r = (Object[]) o;
            long id = ((Number) r[0]).longValue();
            if (deleted.containsKey(id)) {
                continue;
            }
            long previous = ((Number) r[1]).longValue();
            Long parent = previous;
            while (parent != null && deleted.containsKey(parent)) {
                parent = deleted.get(parent).parentId();
            }
            em.createNativeQuery("UPDATE comment SET parent_id = :parent, parent_removed = TRUE, version = version + 1 WHERE id = :id")
                    .setParameter("parent", parent).setParameter("id", id).executeUpdate();
            CommentStatus status = CommentStatus.valueOf(((String) r[2]).trim());
            audit.record(id, admin, AuditAction.REPARENT, status, status, "parent erased", "previous parent " + previous);
        }
    }
}
