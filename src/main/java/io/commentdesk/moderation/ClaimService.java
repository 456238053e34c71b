package io.commentdesk.moderation;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.comment.QueueEvents;
import io.commentdesk.identity.Moderator;

/**
 * Leases the oldest pending comments to one moderator at a time. Rows are picked with
 * {@code FOR UPDATE SKIP LOCKED}, so moderators claiming at once, on any replica, each get
 * different comments without waiting on each other. Claims do not change a comment's version:
 * they reserve it, they do not change it.
 */
@ApplicationScoped
public class ClaimService {

    private final EntityManager em;
    private final AuditLog audit;
    private final CommentViews views;
    private final ModerationConfig config;
    private final QueueEvents events;

    ClaimService(EntityManager em, AuditLog audit, CommentViews views, ModerationConfig config, QueueEvents events) {
        this.events = events;
        this.em = em;
        this.audit = audit;
        this.views = views;
        this.config = config;
    }

    /** @param articleId only this article's comments; {@code null} for any article's */
    @Transactional
    public Responses.Claimed claim(Moderator moderator, int limit, String articleId) {
        Instant now = audit.now();
        Instant expires = now.plus(config.claimDuration());
        var query = em.createNativeQuery("SELECT id FROM comment WHERE status = 'PENDING'"
                + (articleId == null ? "" : " AND article_id = ?4")
                + " AND (lease_owner IS NULL OR lease_expires_at <= ?1 OR lease_owner = ?2)"
                + " ORDER BY created_at, id LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).setParameter(2, moderator.name()).setParameter(3, limit);
        if (articleId != null) {
            query.setParameter(4, articleId);
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = query.getResultList();
        if (ids.isEmpty()) {
            return new Responses.Claimed(List.of(), null);
        }
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        em.createQuery("update Comment c set c.leaseOwner = :me, c.leaseExpiresAt = :expires where c.id in :ids")
                .setParameter("me", moderator.name()).setParameter("expires", expires).setParameter("ids", claimed)
                .executeUpdate();
        for (Long id : claimed) {
            audit.record(id, moderator, AuditAction.CLAIM, CommentStatus.PENDING, CommentStatus.PENDING, null, "until " + expires);
        }
        events.claimed(claimed, moderator.name());
        List<QueueRow> rows = em.createQuery(QueueRow.SELECT + "from Comment c where c.id in :ids order by c.createdAt, c.id",
                QueueRow.class).setParameter("ids", claimed).getResultList();
        return new Responses.Claimed(views.items(rows, now), expires);
    }

    @Transactional
    public int release(Moderator moderator) {
        Instant now = audit.now();
        List<Long> ids = em.createQuery("select c.id from Comment c where c.leaseOwner = :me and c.leaseExpiresAt > :now", Long.class)
                .setParameter("me", moderator.name()).setParameter("now", now).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        em.createQuery("update Comment c set c.leaseOwner = null, c.leaseExpiresAt = null where c.id in :ids and c.leaseOwner = :me")
                .setParameter("ids", ids).setParameter("me", moderator.name()).executeUpdate();
        for (Long id : ids) {
            audit.record(id, moderator, AuditAction.RELEASE, null, null, null, null);
        }
        events.released(ids, moderator.name());
        return ids.size();
    }
}
