package io.commentdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;


/** Which failures mean "the database is out of reach" (503) and which are faults of ours (500). */
class DatabaseUnavailableTest {

    @Test
    void connectionStatesAndServerShutdownsAnywhereBehindTheFailure() {
        assertThat(DatabaseUnavailable.is(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(DatabaseUnavailable.is(new IllegalStateException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.is(new CompletionException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(DatabaseUnavailable.is(new SQLException("Sorry, acquisition timeout!"))).isTrue();

        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batch.setNextException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(DatabaseUnavailable.is(new RuntimeException("Error executing work", batch))).isTrue();

        RuntimeException commit = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new SQLException("This connection has been closed.", "08003"));
        assertThat(DatabaseUnavailable.is(commit)).isTrue();
    }

    @Test
    void otherFailuresAreOurs() {
        assertThat(DatabaseUnavailable.is(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.is(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("Sealed value failed authentication"))).isFalse();
        assertThat(DatabaseUnavailable.is(null)).isFalse();
        RuntimeException loop = new RuntimeException();
        loop.addSuppressed(new RuntimeException(loop));
        assertThat(DatabaseUnavailable.is(loop)).isFalse();
    }
}
