package io.commentdesk.personaldata;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The last retention run, kept in the database so an admin on any replica sees it. */
@ApplicationScoped
class RetentionHistory {

    private final EntityManager em;

    RetentionHistory(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void save(RetentionRun run) {
        // Portable upsert (PostgreSQL, and H2 in PostgreSQL mode), as article revisions do.
        em.createNativeQuery("INSERT INTO retention_run (id, started_at, finished_at, replica, ip_removed, decided_purged, "
                + "gates_pruned, idempotency_pruned, ip_retention, decided_retention) VALUES (1, ?1, ?1, NULL, 0, 0, 0, 0, '', '') "
                + "ON CONFLICT DO NOTHING").setParameter(1, at(run.startedAt())).executeUpdate();
        em.createNativeQuery("UPDATE retention_run SET started_at = ?1, finished_at = ?2, replica = ?3, ip_removed = ?4, "
                + "decided_purged = ?5, gates_pruned = ?6, idempotency_pruned = ?7, ip_retention = ?8, decided_retention = ?9 WHERE id = 1")
                .setParameter(1, at(run.startedAt())).setParameter(2, at(run.finishedAt())).setParameter(3, run.replica())
                .setParameter(4, run.counts().ip()).setParameter(5, run.counts().decided()).setParameter(6, run.counts().gates())
                .setParameter(7, run.counts().idempotency()).setParameter(8, run.settings().ipRetention())
                .setParameter(9, run.settings().decidedRetention()).executeUpdate();
    }

    @Transactional
    Optional<RetentionRun> last() {
        List<?> rows = em.createNativeQuery("SELECT started_at, finished_at, replica, ip_removed, decided_purged, gates_pruned, "
                + "idempotency_pruned, ip_retention, decided_retention FROM retention_run WHERE id = 1").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new RetentionRun(instant(row[0]), instant(row[1]), (String) row[2],
                new RetentionRun.Counts(number(row[3]), number(row[4]), number(row[5]), number(row[6])),
                new RetentionRun.Settings((String) row[7], (String) row[8])));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }
}
