package io.commentdesk.personaldata;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.comment.CommentStatus;
import io.commentdesk.db.OneReplica;
import io.commentdesk.identity.Moderator;
import io.commentdesk.notices.Announcer;
import io.commentdesk.notices.ArticleRevisions;
import io.commentdesk.rules.RuleSettings;
import io.commentdesk.rules.RulesConfig;
import io.commentdesk.rules.SettingsService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps personal data no longer than needed (GDPR art. 5(1)(e)): removes old comments' IP address and
 * user agent, deletes long-decided REJECTED and SPAM comments, and prunes sender gates and
 * Idempotency-Key records past their longest window. Every replica schedules it; a PostgreSQL
 * advisory lock lets exactly one do the work while the others skip. The work goes in batches of
 * {@code comments.privacy.retention-batch} rows, each its own short transaction that takes its
 * rows with {@code SKIP LOCKED}: a row a submission or a moderator holds is left for the next run,
 * and nobody ever waits for the job longer than one batch.
 */
@ApplicationScoped
public class RetentionJob {

    /** The advisory lock's key: "CmDkRetn" as a number, so no other lock of this database is likely to share it. */
    static final long LOCK_KEY = 0x436d446b5265746eL;

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    /** The audit's actor for replies the job moves up from a deleted parent. */
    private static final Moderator ACTOR = new Moderator("retention", true);
    private static final List<String> ALL_STATUSES = List.of("PENDING", "APPROVED", "REJECTED", "SPAM");
    private static final List<String> DECIDED = List.of("REJECTED", "SPAM");

    private final OneReplica oneReplica;
    private final EntityManager em;
    private final RetentionConfig config;
    private final RulesConfig rules;
    private final SettingsService settings;
    private final ArticleRevisions revisions;
    private final AuditLog audit;
    private final RetentionHistory history;
    private final RetentionMetrics metrics;
    private final java.time.Clock clock;
    private final boolean postgres;
    private final String replica = replicaName();
    private volatile boolean stopping;
    /** Called inside each batch's transaction, its rows locked, before the commit, with what it changed: lets tests act meanwhile. */
    private volatile BiConsumer<String, RetentionRun.Counts> inBatch = (step, changed) -> {
    };

    RetentionJob(EntityManager em, RetentionConfig config, RulesConfig rules,
            SettingsService settings, ArticleRevisions revisions, AuditLog audit, RetentionHistory history,
            RetentionMetrics metrics, java.time.Clock clock, Announcer announcer, OneReplica oneReplica) {
        this.oneReplica = oneReplica;
        this.em = em;
        this.config = config;
        this.rules = rules;
        this.settings = settings;
        this.revisions = revisions;
        this.audit = audit;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
        this.postgres = announcer.postgres();
    }

    @Scheduled(identity = "privacy-retention", every = "${comments.privacy.retention-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run(clock.instant());
        } catch (RuntimeException e) {
            // The type and SQL state only: a driver's message may quote a row's values.
            LOG.warnf("Retention run failed (%s%s); the next run goes on where it stopped", e.getClass().getSimpleName(),
                    OneReplica.sqlState(e));
        }
    }

    /** For tests: what to do inside each batch's transaction; {@code null} for nothing. */
    void inBatch(BiConsumer<String, RetentionRun.Counts> hook) {
        inBatch = hook == null ? (step, changed) -> {
        } : hook;
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Runs the job once, as of {@code now}, if no other replica is running it.
     *
     * @return the run, or empty when another replica (or thread) holds the lock
     */
    public Optional<RetentionRun> run(Instant now) {
        try {
            Optional<RetentionRun> run = oneReplica.run(LOCK_KEY, () -> work(now));
            if (run.isEmpty()) {
                metrics.skipped();
            }
            return run;
        } catch (RuntimeException e) {
            metrics.failed();
            throw e;
        }
    }

    private RetentionRun work(Instant now) {
        long began = System.nanoTime();
        RuleSettings.Limits limits = settings.current().limits();
        Duration rateWindow = longest(rules.rateLimit().window(), Duration.ofSeconds(limits.rateLimitWindowSeconds()));
        // The rate rule counts a sender's comments by their IP hash over its window: keep them at least that long.
        Duration ipKeep = longest(config.ipRetention(), rateWindow);
        Duration gateKeep = longest(rateWindow,
                longest(rules.flood().interval(), Duration.ofSeconds(limits.floodIntervalSeconds())));
        RetentionRun.Counts counts = new RetentionRun.Counts(0, 0, 0, 0);
        counts = counts.plus(removeAddresses(now.minus(ipKeep)));
        counts = counts.plus(purgeDecided(now.minus(config.decidedRetention())));
        counts = counts.plus(pruneGates(now.minus(gateKeep)));
        counts = counts.plus(pruneIdempotency(now.minus(rules.idempotency().ttl())));
        long nanos = System.nanoTime() - began;
        Instant finished = now.plusNanos(nanos);
        RetentionRun run = new RetentionRun(now, finished, replica, counts,
                new RetentionRun.Settings(config.ipRetention().toString(), config.decidedRetention().toString()));
        history.save(run);
        metrics.done(nanos, finished);
        LOG.infof("Retention run: ip=%d decided=%d gates=%d idempotency=%d in %d ms%s", counts.ip(), counts.decided(),
                counts.gates(), counts.idempotency(), nanos / 1_000_000, stopping ? " (stopped early: shutting down)" : "");
        return run;
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A batch's outcome: rows taken (to know whether more may follow), rows changed, and the keyset position reached. */
    private record Batch(int taken, RetentionRun.Counts changed, OffsetDateTime lastAt, long lastId, String lastKey) {
    }

    /** Clears IP, IP hash and user agent, status by status in (created_at, id) order, so each batch reads an index range. */
    private RetentionRun.Counts removeAddresses(Instant cutoff) {
        long cleared = 0;
        for (String status : ALL_STATUSES) {
            Batch last = null;
            do {
                Batch after = last;
                last = batch("ip", c -> {
                    List<Object[]> rows = selectComments(c, status, cutoff, after,
                            "AND (ip_sealed IS NOT NULL OR ip_hash IS NOT NULL OR user_agent_sealed IS NOT NULL)",
                            lockClause(true));
                    List<Long> ids = ids(rows);
                    int n = update(c, "UPDATE comment SET ip_sealed = NULL, ip_hash = NULL, user_agent_sealed = NULL WHERE id IN ("
                            + marks(ids.size()) + ")", ids);
                    return keysetBatch(rows, new RetentionRun.Counts(n, 0, 0, 0));
                });
                cleared += last.changed().ip();
            } while (more(last));
        }
        return new RetentionRun.Counts(cleared, 0, 0, 0);
    }

    /**
     * Deletes REJECTED and SPAM comments decided before the cutoff, with what refers to them: their audit
     * entries and Idempotency-Key records are deleted, and any reply of theirs not deleted with them moves
     * up to the nearest ancestor that stays (replies normally moved up when their parent was decided).
     * Readers never saw these comments, so no article revision moves, unless an approved reply moved.
     */
    private RetentionRun.Counts purgeDecided(Instant cutoff) {
        long purged = 0;
        for (String status : DECIDED) {
            Batch last = null;
            do {
                Batch after = last;
                last = batch("decided", c -> {
                    List<Object[]> rows = selectComments(c, status, cutoff, after, "AND updated_at < ?", lockClause(false));
                    List<Long> ids = ids(rows);
                    if (!ids.isEmpty()) {
                        Map<Long, Long> parents = new HashMap<>();
                        for (Object[] row : rows) {
                            parents.put((Long) row[0], (Long) row[2]);
                        }
                        moveRepliesUp(c, parents);
                        String in = " IN (" + marks(ids.size()) + ")";
                        update(c, "DELETE FROM idempotency_key WHERE comment_id" + in, ids);
                        update(c, "DELETE FROM audit_entry WHERE comment_id" + in, ids);
                        // A parent and its reply may go in one batch: unlink them first, for databases checking each row.
                        update(c, "UPDATE comment SET parent_id = NULL WHERE parent_id IS NOT NULL AND id" + in, ids);
                    }
                    int n = update(c, "DELETE FROM comment WHERE id IN (" + marks(ids.size()) + ")", ids);
                    return keysetBatch(rows, new RetentionRun.Counts(0, n, 0, 0));
                });
                purged += last.changed().decided();
            } while (more(last));
        }
        return new RetentionRun.Counts(0, purged, 0, 0);
    }

    private void moveRepliesUp(Connection c, Map<Long, Long> parents) throws SQLException {
        List<Long> ids = new ArrayList<>(parents.keySet());
        List<Object[]> replies = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, parent_id, status, article_id FROM comment WHERE parent_id IN ("
                + marks(ids.size()) + ") " + lockClause(true).replace(" SKIP LOCKED", ""))) {
            bind(st, ids, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!parents.containsKey(rs.getLong(1))) {
                        replies.add(new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4) });
                    }
                }
            }
        }
        Set<String> articles = new HashSet<>();
        for (Object[] reply : replies) {
            long previous = (Long) reply[1];
            Long target = parents.get(previous);
            while (target != null && parents.containsKey(target)) {
                target = parents.get(target);
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE comment SET parent_id = ? WHERE id = ?")) {
                st.setObject(1, target);
                st.setLong(2, (Long) reply[0]);
                st.executeUpdate();
            }
            CommentStatus status = CommentStatus.valueOf((String) reply[2]);
            audit.record((Long) reply[0], ACTOR, AuditAction.REPARENT, status, status, "parent " + previous + " deleted by retention",
                    "previous parent " + previous);
            if ("APPROVED".equals(reply[2])) {
                articles.add((String) reply[3]);
            }
        }
        articles.forEach(revisions::bump);
    }

    /** Gates unused for longer than the longest flood or rate window know nothing a rule still needs. */
    private RetentionRun.Counts pruneGates(Instant cutoff) {
        long pruned = 0;
        Batch last = null;
        do {
            Batch after = last;
            last = batch("gates", c -> {
                List<String> keys = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT sender_key FROM sender_gate WHERE "
                        + (after == null ? "" : "sender_key > ? AND ") + "(last_at IS NULL OR last_at < ?) ORDER BY sender_key LIMIT ? "
                        + lockClause(false))) {
                    int i = 1;
                    if (after != null) {
                        st.setString(i++, after.lastKey());
                    }
                    st.setObject(i++, cutoff.atOffset(ZoneOffset.UTC));
                    st.setInt(i, config.retentionBatch());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            keys.add(rs.getString(1));
                        }
                    }
                }
                int n = updateKeys(c, "DELETE FROM sender_gate WHERE sender_key IN (" + marks(keys.size()) + ")", keys);
                return new Batch(keys.size(), new RetentionRun.Counts(0, 0, n, 0), null, 0,
                        keys.isEmpty() ? null : keys.get(keys.size() - 1));
            });
            pruned += last.changed().gates();
        } while (more(last));
        return new RetentionRun.Counts(0, 0, pruned, 0);
    }

    /** Idempotency-Key records past their TTL would never be replayed again ({@code Idempotency} ignores them). */
    private RetentionRun.Counts pruneIdempotency(Instant cutoff) {
        long pruned = 0;
        Batch last;
        do {
            last = batch("idempotency", c -> {
                List<String> keys = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT key_hash FROM idempotency_key WHERE created_at < ? "
                        + "ORDER BY created_at LIMIT ? " + lockClause(false))) {
                    st.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                    st.setInt(2, config.retentionBatch());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            keys.add(rs.getString(1));
                        }
                    }
                }
                int n = updateKeys(c, "DELETE FROM idempotency_key WHERE key_hash IN (" + marks(keys.size()) + ")", keys);
                return new Batch(keys.size(), new RetentionRun.Counts(0, 0, 0, n), null, 0, null);
            });
            pruned += last.changed().idempotency();
        } while (more(last));
        return new RetentionRun.Counts(0, 0, 0, pruned);
    }

    private boolean more(Batch batch) {
        return batch.taken() >= config.retentionBatch() && !stopping;
    }

    /**
     * Comments of one status created before the cutoff, after the keyset position, oldest first, locked;
     * rows: id, created_at, parent_id. {@code extra} may hold one {@code ?}, bound to the cutoff.
     */
    private List<Object[]> selectComments(Connection c, String status, Instant cutoff, Batch after, String extra, String lock)
            throws SQLException {
        OffsetDateTime at = cutoff.atOffset(ZoneOffset.UTC);
        String sql = "SELECT id, created_at, parent_id FROM comment WHERE status = ? AND created_at < ? "
                + (after == null ? "" : "AND (created_at, id) > (?, ?) ") + extra + " ORDER BY created_at, id LIMIT ? " + lock;
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, status);
            st.setObject(i++, at);
            if (after != null) {
                st.setObject(i++, after.lastAt());
                st.setLong(i++, after.lastId());
            }
            if (extra.contains("?")) {
                st.setObject(i++, at);
            }
            st.setInt(i, config.retentionBatch());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long parentId = rs.getLong(3);
                    Long parent = rs.wasNull() ? null : parentId;
                    rows.add(new Object[] { rs.getLong(1), rs.getObject(2, OffsetDateTime.class), parent });
                }
            }
        }
        return rows;
    }

    private static Batch keysetBatch(List<Object[]> rows, RetentionRun.Counts changed) {
        if (rows.isEmpty()) {
            return new Batch(0, changed, null, 0, null);
        }
        Object[] last = rows.get(rows.size() - 1);
        return new Batch(rows.size(), changed, (OffsetDateTime) last[1], (Long) last[0], null);
    }

    /**
     * PostgreSQL: skip rows others hold; {@code FOR NO KEY UPDATE} when no key changes, so a reply being
     * stored under one of these comments (its foreign key takes a key-share lock) never waits for the job.
     */
    private String lockClause(boolean noKeyChange) {
        if (!postgres) {
            return "FOR UPDATE SKIP LOCKED";
        }
        return (noKeyChange ? "FOR NO KEY UPDATE" : "FOR UPDATE") + " SKIP LOCKED";
    }

    @FunctionalInterface
    private interface BatchWork {
        Batch apply(Connection connection) throws SQLException;
    }

    /** One batch in its own transaction; its counts go to the metrics once it committed. */
    private Batch batch(String step, BatchWork work) {
        Batch done = QuarkusTransaction.requiringNew().call(() -> {
            Batch result = em.unwrap(Session.class).doReturningWork(c -> {
                if (postgres) {
                    try (Statement st = c.createStatement()) {
                        // Never queue behind a long lock (a reply's row, held by a moderator): fail this batch instead.
                        st.execute("SET LOCAL lock_timeout = '5s'");
                    }
                }
                return work.apply(c);
            });
            em.flush();
            inBatch.accept(step, result.changed());
            return result;
        });
        metrics.removed(done.changed());
        return done;
    }

    private static List<Long> ids(List<Object[]> rows) {
        return rows.stream().map(r -> (Long) r[0]).toList();
    }

    private static int update(Connection c, String sql, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, ids, 1);
            return st.executeUpdate();
        }
    }

    private static int updateKeys(Connection c, String sql, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                st.setString(i + 1, keys.get(i));
            }
            return st.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, List<Long> ids, int first) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            st.setLong(first + i, ids.get(i));
        }
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(Math.max(count, 1), "?"));
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown";
            }
        }
        return host.length() > 200 ? host.substring(0, 200) : host;
    }
}
