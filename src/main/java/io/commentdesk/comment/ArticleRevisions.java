package io.commentdesk.comment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/**
 * A counter per article that moves whenever what readers see of it changes. Readers' ETags and the
 * read cache are keyed on it; since it lives in the database and moves in the same transaction as
 * the change, every replica sees a decision at once.
 */
@ApplicationScoped
public class ArticleRevisions {

    private final EntityManager em;
    private final AgroalDataSource dataSource;

    ArticleRevisions(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
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

    /**
     * One primary-key read on a pooled connection, outside any transaction: this runs on every
     * reader request, revalidations included, and is most of what a 304 costs.
     */
    public long current(String articleId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT revision FROM article_revision WHERE article_id = ?")) {
            st.setString(1, articleId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the article's revision", e);
        }
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
