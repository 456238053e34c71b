package io.commentdesk.comment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.reading.ReadingConfig;

/**
 * A counter per article that moves whenever what readers see of it changes. Readers' ETags and the
 * read cache are keyed on it. It lives in the database and moves in the same transaction as the
 * change; each replica keeps the revisions it knows in memory, so the hot read path asks the
 * database nothing. Memory is only trusted while it cannot miss a change: on PostgreSQL while
 * {@link RevisionNotices} listens to the notice every bump sends at commit (other replicas' changes
 * arrive within milliseconds); on the embedded H2 database, which one process owns, always.
 */
@ApplicationScoped
public class ArticleRevisions {

    /** The PostgreSQL channel of "revision:articleId" notices. */
    static final String CHANNEL = "article_revision";

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean postgres;
    private final Cache<String, Long> known;
    /** Moves with every change heard of: a database read only fills memory if nothing changed while it ran. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean trusted;

    ArticleRevisions(EntityManager em, AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind, ReadingConfig reading) {
        this.em = em;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.postgres = dbKind.startsWith("postgres");
        this.known = Caffeine.newBuilder().maximumSize(reading.knownRevisions()).build();
        this.trusted = !postgres;
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
        if (postgres) {
            // Delivered to every listening replica when, and only if, this transaction commits.
            em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, revision + ":" + articleId)
                    .getSingleResult();
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    changed(articleId, revision);
                }
            }
        });
    }

    /** The revision if this replica knows it for sure, without asking the database. */
    public OptionalLong known(String articleId) {
        Long revision = trusted ? known.getIfPresent(articleId) : null;
        return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
    }

    /** The current revision: from memory when known, else one primary-key read (blocking). */
    public long current(String articleId) {
        OptionalLong memory = known(articleId);
        if (memory.isPresent()) {
            return memory.getAsLong();
        }
        return current(List.of(articleId)).get(articleId);
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
            long before = changes.get();
            boolean wasTrusted = trusted;
            Map<String, Long> read = read(unknown);
            boolean quiet = wasTrusted && trusted && changes.get() == before;
            read.forEach((id, revision) -> {
                revisions.put(id, revision);
                if (quiet) {
                    known.asMap().merge(id, revision, Math::max);
                }
            });
        }
        return revisions;
    }

    /** A change committed here or announced by another replica. Revisions only grow, so the larger wins. */
    void changed(String articleId, long revision) {
        changes.incrementAndGet();
        known.asMap().merge(articleId, revision, Math::max);
    }

    /** Listening again after a gap: whatever memory holds may have missed changes. */
    void listening() {
        changes.incrementAndGet();
        known.invalidateAll();
        trusted = true;
    }

    /** Not listening (connection lost): every read asks the database until listening again. */
    void deaf() {
        trusted = false;
        changes.incrementAndGet();
        known.invalidateAll();
    }

    boolean postgres() {
        return postgres;
    }

    /** Plain JDBC outside any transaction: this runs on reader requests whenever memory cannot answer. */
    private Map<String, Long> read(List<String> articleIds) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        articleIds.forEach(id -> revisions.put(id, 0L));
        String marks = String.join(",", java.util.Collections.nCopies(articleIds.size(), "?"));
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
