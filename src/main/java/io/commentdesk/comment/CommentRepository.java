package io.commentdesk.comment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Queries on stored comments. */
@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {

    /**
     * The parent of a new reply, share-locked so no decision can move it out of {@code APPROVED}
     * before the reply is stored; empty unless it is an approved comment of this article.
     */
    public Optional<Comment> lockApprovedParent(long id, String articleId) {
        Comment parent = getEntityManager().find(Comment.class, id, LockModeType.PESSIMISTIC_READ);
        if (parent == null || !parent.articleId.equals(articleId) || parent.status != CommentStatus.APPROVED) {
            return Optional.empty();
        }
        return Optional.of(parent);
    }

    /** Whether this person already said exactly this, in the same place (any status). */
    public boolean isDuplicate(String articleId, Long parentId, String emailHash, String contentHash) {
        String parent = parentId == null ? "c.parentId is null" : "c.parentId = :parent";
        var query = getEntityManager().createQuery("select count(c) from Comment c where c.emailHash = :email and "
                + "c.contentHash = :content and c.articleId = :article and " + parent, Long.class)
                .setParameter("email", emailHash).setParameter("content", contentHash).setParameter("article", articleId);
        if (parentId != null) {
            query.setParameter("parent", parentId);
        }
        return query.getSingleResult() > 0;
    }

    /** A fresh id from the comments' sequence, for an answer about a comment that is not stored. */
    public long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('comment_id_seq')").getSingleResult()).longValue();
    }

    /** WordPress's comment_previously_approved: enough approved comments, and never spam. */
    public boolean isTrusted(String emailHash, int minApproved) {
        return count("emailHash = ?1 and status = ?2", emailHash, CommentStatus.APPROVED) >= minApproved
                && count("emailHash = ?1 and status = ?2", emailHash, CommentStatus.SPAM) == 0;
    }

    /** How deep a comment sits: 1 for a top-level comment, 2 for a reply to it, and so on. */
    public int depthOf(Comment comment, int atMost) {
        int depth = 1;
        Long parentId = comment.parentId;
        while (parentId != null && depth < atMost) {
            depth++;
            parentId = getEntityManager().createQuery("select c.parentId from Comment c where c.id = :id", Long.class)
                    .setParameter("id", parentId).getSingleResult();
        }
        return parentId == null ? depth : atMost + 1;
    }
}
