package io.commentdesk.db;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers that the database was found out of reach a moment ago, so the requests of the next
 * moment are answered 503 at once instead of each waiting out the pool's acquisition timeout in
 * turn (behind a few writers or workers, those waits add up to many seconds). After
 * {@link #HOLD}, or as soon as the database is known to answer again, the next request tries it.
 */
@ApplicationScoped
public class DatabaseOutage {

    static final Duration HOLD = Duration.ofSeconds(1);

    private volatile long until = System.nanoTime();

    /**
     * Notes {@code failure} if it says the database is out of reach; returns whether it did. A failure
     * of {@link #failFast()} says so without being news: it does not hold the outage any longer, or
     * under steady load the 503s would keep the outage going for ever after the database came back.
     */
    public boolean observed(Throwable failure) {
        if (!DatabaseUnavailable.is(failure)) {
            return false;
        }
        if (!failedFast(failure)) {
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
