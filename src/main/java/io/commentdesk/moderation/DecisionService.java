package io.commentdesk.moderation;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.comment.Comment;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.comment.QueueEvents;
import io.commentdesk.comment.SubmissionValidator;
import io.commentdesk.identity.Moderator;
import io.commentdesk.notices.ArticleRevisions;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/**
 * Applies moderators' decisions and edits, one comment at a time, under a row lock: a decision is
 * checked against the version the moderator saw, against other moderators' claims and against
 * the thread, and recorded in the audit in the same transaction.
 *
 * <p>When a comment leaves {@code APPROVED}, its replies move up to its own parent (as WordPress
 * does when a parent goes away), so approved replies stay visible and every approved reply keeps an
 * approved parent.
 */
@ApplicationScoped
public class DecisionService {

    /**
     * What a decision did: the comment as it now is, and whether anything changed. As the queue shows it,
     * without the personal data only an audited reveal returns.
     */
    public record Result(ModerationItem comment, boolean changed) {
    }

    private final EntityManager em;
    private final AuditLog audit;
    private final CommentViews views;
    private final SubmissionValidator validator;
    private final ArticleRevisions revisions;
    private final DecisionMetrics metrics;
    private final QueueEvents events;

    DecisionService(EntityManager em, AuditLog audit, CommentViews views, SubmissionValidator validator,
            ArticleRevisions revisions, DecisionMetrics metrics, QueueEvents events) {
        this.events = events;
        this.metrics = metrics;
        this.revisions = revisions;
        this.em = em;
        this.audit = audit;
        this.views = views;
        this.validator = validator;
    }

    /**
     * @param expectedVersion the version the moderator decided on; {@code null} for any
     * @throws ProblemException 404, 412 (stale version), 409 (someone else's claim, parent not approved)
     */
    @Transactional
    public Result decide(long id, Long expectedVersion, DecisionAction action, String reason, Moderator moderator) {
        Comment comment = lock(id);
        Instant now = audit.now();
        CommentStatus from = comment.status;
        if (from == action.target()) {
            // Deciding the same thing twice (a retry, a double click) changes nothing and records nothing.
            return new Result(views.item(comment, now), false);
        }
        checkVersion(comment, expectedVersion);
        checkClaim(comment, moderator, now);
        if (action.target() == CommentStatus.APPROVED && comment.parentId != null) {
            Comment parent = em.find(Comment.class, comment.parentId, LockModeType.PESSIMISTIC_READ);
            if (parent.status != CommentStatus.APPROVED) {
                throw new ProblemException(ProblemType.CONFLICT, "This reply's parent comment (" + parent.id
                        + ") is not approved; approve the parent first, or the reply would show without its context.");
            }
        }
        comment.status = action.target();
        comment.updatedAt = now;
        comment.leaseOwner = null;
        comment.leaseExpiresAt = null;
        String cleanReason = reason == null ? null : reasonText(reason);
        audit.record(id, moderator, action.audit(), from, action.target(), cleanReason, null);
        metrics.applied(action.audit());
        events.decided(List.of(id), action.target(), moderator.name());
        if (from == CommentStatus.APPROVED) {
            moveRepliesUp(comment, moderator, action);
        }
        if (from == CommentStatus.APPROVED || action.target() == CommentStatus.APPROVED) {
            revisions.bump(comment.articleId);
        }
        em.flush();
        return new Result(views.item(comment, now), true);
    }

    /** A moderator's correction of the text; the previous text is kept in the audit entry. */
    @Transactional
    public ModerationItem edit(long id, Long expectedVersion, String content, String reason, Moderator moderator) {
        String text = validator.normalizedContent(content);
        Comment comment = lock(id);
        Instant now = audit.now();
        checkVersion(comment, expectedVersion);
        checkClaim(comment, moderator, now);
        if (!text.equals(comment.content)) {
            audit.record(id, moderator, AuditAction.EDIT, comment.status, comment.status,
                    reason == null ? null : reasonText(reason), comment.content);
            metrics.applied(AuditAction.EDIT);
            events.edited(List.of(id), moderator.name());
            comment.content = text;
            comment.updatedAt = now;
            if (comment.status == CommentStatus.APPROVED) {
                revisions.bump(comment.articleId);
            }
            em.flush();
        }
        return views.item(comment, now);
    }

    private void moveRepliesUp(Comment comment, Moderator moderator, DecisionAction action) {
        List<Comment> replies = em.createQuery("from Comment c where c.parentId = :id", Comment.class)
                .setParameter("id", comment.id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Comment reply : replies) {
            reply.parentId = comment.parentId;
            audit.record(reply.id, moderator, AuditAction.REPARENT, reply.status, reply.status,
                    "parent " + comment.id + " " + action.name().toLowerCase(), "previous parent " + comment.id);
        }
    }

    private Comment lock(long id) {
        Comment comment = em.find(Comment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No comment has this id.");
        }
        return comment;
    }

    private static void checkVersion(Comment comment, Long expectedVersion) {
        if (expectedVersion != null && comment.version != expectedVersion) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The comment changed since version " + expectedVersion
                    + " (it is at version " + comment.version + "); reload it and decide again.");
        }
    }

    private static void checkClaim(Comment comment, Moderator moderator, Instant now) {
        if (!moderator.admin() && comment.leasedToOtherThan(moderator.name(), now)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Another moderator has claimed this comment until " + comment.leaseExpiresAt + ".");
        }
    }

    private String reasonText(String reason) {
        String text = reason.strip();
        return text.isEmpty() ? null : text;
    }
}
