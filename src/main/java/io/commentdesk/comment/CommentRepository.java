package io.commentdesk.comment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Queries on stored comments. */
@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {

    public boolean isApprovedInArticle(long id, String articleId) {
        return count("id = ?1 and articleId = ?2 and status = ?3", id, articleId, CommentStatus.APPROVED) > 0;
    }

    public Optional<Comment> findApproved(long id, String articleId) {
        return find("id = ?1 and articleId = ?2 and status = ?3", id, articleId, CommentStatus.APPROVED).firstResultOptional();
    }
}
