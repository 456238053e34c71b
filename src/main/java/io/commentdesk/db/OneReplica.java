package io.commentdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;

/**
 * Runs a background job on one replica at a time: every replica schedules it, the one that gets a
 * PostgreSQL advisory lock does the work, the others skip. The lock is a session lock on a connection
 * of its own, held for the whole run while the job's batches commit on others, and released at the
 * end — or by PostgreSQL itself if the replica dies or loses the connection, so a killed replica never
 * leaves a job locked. On the embedded database there is one process: an in-process lock is enough.
 */
@ApplicationScoped
public class OneReplica {

    private final AgroalDataSource dataSource;
    private final boolean postgres;
    private final Map<Long, ReentrantLock> embeddedLocks = new ConcurrentHashMap<>();

    OneReplica(AgroalDataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.postgres = dbKind.startsWith("postgres");
    }

    /**
     * Runs {@code work} if no replica (or thread) holds the lock {@code key}.
     *
     * @param key the advisory lock's key: a number no other lock of this database is likely to share
     * @return what the work returned, or empty when the lock was held elsewhere
     */
    public <T> Optional<T> run(long key, Supplier<T> work) {
        return postgres ? underAdvisoryLock(key, work) : underEmbeddedLock(key, work);
    }

    private <T> Optional<T> underEmbeddedLock(long key, Supplier<T> work) {
        ReentrantLock lock = embeddedLocks.computeIfAbsent(key, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            lock.unlock();
        }
    }

    private <T> Optional<T> underAdvisoryLock(long key, Supplier<T> work) {
        Connection lock;
        try {
            lock = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("No connection for the job's lock", e);
        }
        try {
            if (!lockedBy(lock, "SELECT pg_try_advisory_lock(?)", key)) {
                close(lock);
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            abort(lock);
            throw new IllegalStateException("Could not ask for the job's lock", e);
        }
        try {
            return Optional.of(work.get());
        } finally {
            try {
                lockedBy(lock, "SELECT pg_advisory_unlock(?)", key);
                close(lock);
            } catch (SQLException | RuntimeException e) {
                // A pooled connection must never keep the lock: drop it, and the session's lock goes with it.
                abort(lock);
            }
        }
    }

    private static boolean lockedBy(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            abort(connection);
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // Already gone: so is its lock.
        }
    }

    /** For a job's log line: the failure's SQL state, never its message (a driver's message may quote a row's values). */
    public static String sqlState(Throwable e) {
        return Stream.iterate(e, t -> t != null, Throwable::getCause).filter(SQLException.class::isInstance)
                .map(t -> ", SQL state " + ((SQLException) t).getSQLState()).findFirst().orElse("");
    }
}
