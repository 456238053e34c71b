package io.commentdesk.db;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Remembers that the database was found out of reach a moment ago, so the requests of the next
 * moment are answered 503 at once instead of each waiting out the pool's acquisition timeout in
 * turn (behind a few writers or workers, those waits add up to many seconds). After
 * {@link #HOLD}, or as soon as the database is known to answer again, the next request tries it.
 */
@ApplicationScoped
public class DatabaseOutage {

    static final Duration HOLD = Duration.ofSeconds(1);

    private final LongSupplier connectionsInUse;
    private volatile long until = System.nanoTime();

    @Inject
    DatabaseOutage(AgroalDataSource dataSource) {
        // The pool's own count (quarkus.datasource.metrics.enabled); without metrics it says 0.
        this(() -> dataSource.getMetrics().activeCount());
    }

    /** With its own count of connections in use: for tests, and for wiring by hand. */
    public DatabaseOutage(LongSupplier connectionsInUse) {
        this.connectionsInUse = connectionsInUse;
    }

    /**
     * Notes {@code failure} if it says the database is out of reach; returns whether it did (answer 503).
     * Two such failures are no news and start no hold: one of {@link #failFast()} (else, under steady
     * load, the 503s would hold the outage for ever after the database came back), and a wait for a
     * connection that timed out while others were in use (a busy pool, not a database gone).
     */
    public boolean observed(Throwable failure) {
        if (!DatabaseUnavailable.is(failure)) {
            return false;
        }
        boolean busyPool = DatabaseUnavailable.onlyWaitedForAConnection(failure) && connectionsInUse.getAsLong() > 0;
        if (!failedFast(failure) && !busyPool) {
            until = System.nanoTime() + HOLD.toNanos();
        }
        return true;
    }

    /** The database answered again (the notices listener reconnected): no need to wait out the hold. */
    public void reachable() {
        until = System.nanoTime();
    }

    /** Whether the database was found out of reach within the last {@link #HOLD}. */
    public boolean recent() {
        return until - System.nanoTime() > 0;
    }

    /** What to fail with, without trying, while {@link #recent()}. */
    public static SQLTransientConnectionException failFast() {
        return new FailedFast();
    }

    private static boolean failedFast(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FailedFast) {
                return true;
            }
        }
        return false;
    }

    /** Not a new sighting of the outage: the database was not asked. */
    private static final class FailedFast extends SQLTransientConnectionException {

        private static final long serialVersionUID = 1L;

        FailedFast() {
            super("The database was out of reach a moment ago; not tried again yet", "08000");
        }
    }
}
