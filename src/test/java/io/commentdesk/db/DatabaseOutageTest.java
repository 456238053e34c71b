package io.commentdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;


/** The moment after the database was found gone, and how it ends. */
class DatabaseOutageTest {

    @Test
    void holdsForAMomentAfterARealFailureOnly() {
        DatabaseOutage outage = new DatabaseOutage(() -> 0);
        assertThat(outage.recent()).isFalse();
        assertThat(outage.observed(new IllegalStateException("a bug"))).isFalse();
        assertThat(outage.recent()).isFalse();

        assertThat(outage.observed(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(outage.recent()).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> !outage.recent());
    }

    @Test
    void answersFailedWithoutAskingTheDatabaseDoNotProlongIt() {
        DatabaseOutage outage = new DatabaseOutage(() -> 0);
        outage.observed(new SQLException("Connection refused", "08001"));
        // Under steady load, every request of the held moment fails fast; none of them may hold it longer.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (outage.recent() && System.nanoTime() < deadline) {
            assertThat(outage.observed(new CompletionException(DatabaseOutage.failFast()))).isTrue();
        }
        assertThat(outage.recent()).isFalse();
    }

    @Test
    void aWaitForAConnectionWhileOthersAreInUseIsABusyPoolNotAnOutage() {
        java.util.concurrent.atomic.AtomicLong inUse = new java.util.concurrent.atomic.AtomicLong(16);
        DatabaseOutage outage = new DatabaseOutage(inUse::get);
        assertThat(outage.observed(new SQLException("Sorry, acquisition timeout!"))).isTrue(); // still a 503
        assertThat(outage.recent()).isFalse();
        inUse.set(0); // no connection at all could be made: the database is gone
        assertThat(outage.observed(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(outage.recent()).isTrue();
    }

    @Test
    void endsAtOnceWhenTheDatabaseAnswersAgain() {
        DatabaseOutage outage = new DatabaseOutage(() -> 0);
        outage.observed(new SQLException("terminating connection due to administrator command", "57P01"));
        outage.reachable();
        assertThat(outage.recent()).isFalse();
    }
}
