package io.commentdesk.comment;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** Where and what a person said, as the duplicate rule compares it. */
    public record Saying(String emailHash, String contentHash, String articleId, Long parentId) {
    }

    /** Which of these were said already, in the same place (any status): one query for a whole batch. */
    public Set<Saying> alreadySaid(Collection<Saying> sayings) {
        if (sayings.isEmpty()) {
            return Set.of();
        }
        Set<String> emails = new HashSet<>();
        Set<String> contents = new HashSet<>();
        for (Saying saying : sayings) {
            emails.add(saying.emailHash());
            contents.add(saying.contentHash());
        }
        Set<Saying> said = new HashSet<>();
        getEntityManager().createQuery("select c.emailHash, c.contentHash, c.articleId, c.parentId from Comment c "
                + "where c.emailHash in :emails and c.contentHash in :contents", Object[].class)
                .setParameter("emails", emails).setParameter("contents", contents).getResultStream()
                .map(row -> new Saying((String) row[0], (String) row[1], (String) row[2], (Long) row[3]))
                .filter(sayings::contains)
                .forEach(said::add);
        return said;
    }

    /** A fresh id from the comments' sequence, for an answer about a comment that is not stored. */
    public long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('comment_id_seq')").getSingleResult()).longValue();
    }

    /**
     * WordPress's comment_previously_approved, for a whole batch: the senders among these with
     * enough approved comments and never spam.
     */
    public Set<String> trusted(Collection<String> emailHashes, int minApproved) {
        if (emailHashes.isEmpty()) {
            return Set.of();
        }
        Map<String, long[]> standing = new HashMap<>();
        getEntityManager().createQuery("select c.emailHash, c.status, count(c) from Comment c where c.emailHash in :emails "
                + "and c.status in :statuses group by c.emailHash, c.status", Object[].class)
                .setParameter("emails", new HashSet<>(emailHashes))
                .setParameter("statuses", List.of(CommentStatus.APPROVED, CommentStatus.SPAM)).getResultStream()
                .forEach(row -> standing.computeIfAbsent((String) row[0], hash -> new long[2])
                        [row[1] == CommentStatus.APPROVED ? 0 : 1] = ((Number) row[2]).longValue());
        Set<String> trusted = new HashSet<>();
        standing.forEach((hash, counts) -> {
            if (counts[0] >= minApproved && counts[1] == 0) {
                trusted.add(hash);
            }
        });
        return trusted;
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
