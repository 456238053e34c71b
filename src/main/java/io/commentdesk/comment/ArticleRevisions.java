package io.commentdesk.comment;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A counter per article that moves whenever what readers see of it changes. Readers' ETags and the
 * read cache are keyed on it; since it lives in the database and moves in the same transaction as
 * the change, every replica sees a decision at once.
 */
@ApplicationScoped
public class ArticleRevisions {

    private final EntityManager em;

    ArticleRevisions(EntityManager em) {
        this.em = em;
    }

    /** Called in the transaction of any change to an article's approved comments. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump(String articleId) {
        // Portable upsert (PostgreSQL, and H2 in PostgreSQL mode): create the row once, then count up.
        em.createNativeQuery("INSERT INTO article_revision (article_id, revision) VALUES (?1, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, articleId).executeUpdate();
        em.createNativeQuery("UPDATE article_revision SET revision = revision + 1 WHERE article_id = ?1")
                .setParameter(1, articleId).executeUpdate();
    }

    @Transactional
    public long current(String articleId) {
        return current(List.of(articleId)).getOrDefault(articleId, 0L);
    }

    @Transactional
    public Map<String, Long> current(Collection<String> articleIds) {
        Map<String, Long> revisions = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT article_id, revision FROM article_revision WHERE article_id IN (?1)")
                .setParameter(1, articleIds).getResultList();
        rows.forEach(row -> revisions.put((String) row[0], ((Number) row[1]).longValue()));
        return revisions;
    }
}
