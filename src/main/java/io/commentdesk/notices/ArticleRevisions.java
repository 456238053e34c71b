package io.commentdesk.notices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.db.DatabaseOutage;

/**
 * A counter per article that moves whenever what readers see of it changes. Readers' ETags and the
 * read cache are keyed on it. It lives in the database and moves in the same transaction as the
 * change; each replica remembers the revisions it knows ({@link NoticedMemory}), so the hot read
 * path asks the database nothing, and hears other replicas' bumps as "revision:articleId" notices.
 */
@ApplicationScoped
public class ArticleRevisions implements Noticed {

    private static final Logger LOG = Logger.getLogger(ArticleRevisions.class);

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final Announcer announcer;
    private final NoticedMemory<String, Long> known;
    private final DatabaseOutage outage;

    ArticleRevisions(EntityManager em, AgroalDataSource dataSource, Announcer announcer, RevisionsConfig config,
            DatabaseOutage outage) {
        this.em = em;
        this.outage = outage;
        this.dataSource = dataSource;
        this.announcer = announcer;
        this.known = new NoticedMemory<>(config.knownRevisions(), !announcer.postgres(), true);
    }

    /** Called in the transaction of any change to an article's approved comments. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump(String articleId) {
        // Portable upsert (PostgreSQL, and H2 in PostgreSQL mode): create the row once, then count up.
        em.createNativeQuery("INSERT INTO article_revision (article_id, revision) VALUES (?1, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, articleId).executeUpdate();
        em.createNativeQuery("UPDATE article_revision SET revision = revision + 1 WHERE article_id = ?1")
                .setParameter(1, articleId).executeUpdate();
        long revision = ((Number) em.createNativeQuery("SELECT revision FROM article_revision WHERE article_id = ?1")
                .setParameter(1, articleId).getSingleResult()).longValue();
        announcer.announce(channel(), revision + ":" + articleId, () -> known.changed(articleId, revision, Math::max));
    }

    /** The revision if this replica knows it for sure, without asking the database. */
    public OptionalLong known(String articleId) {
        Long revision = known.known(articleId);
        return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
    }

    /**
     * The current revision: from memory when known, else one primary-key read (blocking). While the
     * database is out of reach, the last revision this replica knew, so readers keep being served the
     * pages it holds; with none known, the database's failure.
     */
    public long current(String articleId) {
        OptionalLong memory = known(articleId);
        if (memory.isPresent()) {
            return memory.getAsLong();
        }
        Long last = known.lastKnown(articleId);
        if (last != null && outage.recent()) {
            // Found out of reach a moment ago: not asked again, so readers never wait on it.
            return last;
        }
        try {
            return current(List.of(articleId)).get(articleId);
        } catch (RuntimeException e) {
            if (last == null || !outage.observed(e)) {
                throw e;
            }
            return last;
        }
    }

    /** Revisions of several articles (0 for an article nothing was ever approved on), in the order asked. */
    public Map<String, Long> current(Collection<String> articleIds) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : articleIds) {
            OptionalLong memory = known(id);
            revisions.put(id, memory.isPresent() ? memory.getAsLong() : null);
            if (memory.isEmpty()) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            long mark = known.mark();
            read(unknown).forEach((id, revision) -> {
                revisions.put(id, revision);
                // Revisions only grow: the larger of two values is the newer.
                known.learn(mark, id, revision, Math::max);
            });
        }
        return revisions;
    }

    @Override
    public String channel() {
        return "article_revision";
    }

    @Override
    public void heard(String payload) {
        int colon = payload.indexOf(':');
        try {
            known.changed(payload.substring(colon + 1), Long.parseLong(payload.substring(0, colon)), Math::max);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring a malformed article revision notice");
        }
    }

    @Override
    public NoticedMemory<String, Long> memory() {
        return known;
    }

    /** Plain JDBC outside any transaction: this runs on reader requests whenever memory cannot answer. */
    private Map<String, Long> read(List<String> articleIds) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        articleIds.forEach(id -> revisions.put(id, 0L));
        String marks = String.join(",", Collections.nCopies(articleIds.size(), "?"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT article_id, revision FROM article_revision WHERE article_id IN ("
                        + marks + ")")) {
            for (int i = 0; i < articleIds.size(); i++) {
                st.setString(i + 1, articleIds.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    revisions.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the articles' revisions", e);
        }
        return revisions;
    }
}
