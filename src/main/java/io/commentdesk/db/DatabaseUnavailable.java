package io.commentdesk.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells a failure because the database cannot be reached (down, restarting, no connection free in
 * time) from a failure of the request itself. The first is answered 503 with {@code Retry-After} and
 * lets readers be served from memory; the second is a bug, answered 500 and logged.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /**
     * Whether {@code failure}, or anything behind it, says the database is out of reach. Behind it are
     * its causes, what it suppressed (the transaction manager keeps a failed commit's reasons there) and
     * a failed batch's next exceptions (PostgreSQL's BatchUpdateException says why only there).
     */
    public static boolean is(Throwable failure) {
        return anyBehind(failure, DatabaseUnavailable::unreachable);
    }

    /**
     * Whether the only sign is that no pooled connection came free in time: with connections in use,
     * that is a busy pool rather than a database gone.
     */
    public static boolean onlyWaitedForAConnection(Throwable failure) {
        return anyBehind(failure, DatabaseUnavailable::acquisitionTimeout)
                && !anyBehind(failure, t -> unreachable(t) && !acquisitionTimeout(t));
    }

    private static boolean anyBehind(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> behind = new ArrayDeque<>();
        if (failure != null) {
            behind.add(failure);
        }
        while (!behind.isEmpty()) {
            Throwable t = behind.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                behind.add(t.getCause());
            }
            Collections.addAll(behind, t.getSuppressed());
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                behind.add(sql.getNextException());
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
            return true;
        }
        // Hibernate's translation of SQLState class 08, should its cause have been dropped.
        if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
            return true;
        }
        if (!(t instanceof SQLException e)) {
            return false;
        }
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or not yet accepting.
            return state.startsWith("08") || state.startsWith("57P0");
        }
        return acquisitionTimeout(e);
    }

    /** Agroal says so in words only: no connection could be had within quarkus.datasource.jdbc.acquisition-timeout. */
    private static boolean acquisitionTimeout(Throwable t) {
        String message = t instanceof SQLException e && e.getSQLState() == null ? e.getMessage() : null;
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
