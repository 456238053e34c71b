package io.commentdesk.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Cursor;
import io.commentdesk.web.Keyset;

/** Writes audit entries inside the caller's transaction, and reads them back newest first. */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;
    private final Clock clock;

    AuditLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Must run inside the transaction of the action it records, so both commit or neither does. The
     * comment's status before and after is stored by name (the audit sits below the comments).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(long commentId, Moderator actor, AuditAction action, Enum<?> from, Enum<?> to, String reason,
            String detail) {
        AuditEntry entry = new AuditEntry();
        entry.commentId = commentId;
        entry.actor = actor.name();
        entry.action = action.name();
        entry.fromStatus = from == null ? null : from.name();
        entry.toStatus = to == null ? null : to.name();
        entry.reason = reason;
        entry.detail = detail;
        entry.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        em.persist(entry);
    }

    /** An admin's action about an address (export, erasure), named only by its keyed hash; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAboutAddress(String subjectHash, Moderator actor, AuditAction action, String detail) {
        record(subjectHash, actor, action, detail);
    }

    /** An admin's action about neither a comment nor an address (looking at the privacy jobs, running one); its own transaction. */
    @Transactional
    public void recordAdministration(Moderator actor, AuditAction action, String detail) {
        record(null, actor, action, detail);
    }

    private void record(String subjectHash, Moderator actor, AuditAction action, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.subjectHash = subjectHash;
        entry.actor = actor.name();
        entry.action = action.name();
        entry.detail = detail;
        entry.createdAt = now();
        em.persist(entry);
    }

    /**
     * Forgets what the entries of erased comments hold of their author's words: an edit's previous text.
     * With {@code deleting}, the comments are about to be deleted: their entries are detached from them,
     * keeping who did what and when. Plain statements: entries are otherwise never changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetErased(List<Long> commentIds, boolean deleting) {
        if (commentIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE audit_entry SET detail = NULL WHERE action = 'EDIT' AND comment_id IN (:ids)")
                .setParameter("ids", commentIds).executeUpdate();
        if (deleting) {
            em.createNativeQuery("UPDATE audit_entry SET comment_id = NULL WHERE comment_id IN (:ids)")
                    .setParameter("ids", commentIds).executeUpdate();
        }
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Transactional
    public List<AuditEntry> read(Long commentId, String actor, Cursor after, int limit) {
        StringBuilder q = new StringBuilder("from AuditEntry a where 1 = 1");
        if (commentId != null) {
            q.append(" and a.commentId = :comment");
        }
        if (actor != null) {
            q.append(" and a.actor = :actor");
        }
        if (after != null) {
            q.append(Keyset.after("a", false));
        }
        q.append(Keyset.orderBy("a", false));
        var query = em.createQuery(q.toString(), AuditEntry.class).setMaxResults(limit);
        if (commentId != null) {
            query.setParameter("comment", commentId);
        }
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        if (after != null) {
            Keyset.bind(query, after);
        }
        return query.getResultList();
    }
}
