package io.commentdesk.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.PGStatement;

/**
 * Statements PostgreSQL must plan with their actual values every time. By default the driver
 * prepares a statement on the server after five runs and PostgreSQL may then keep one generic plan
 * for the connection's life: for a table that was nearly empty then (a new installation's
 * {@code sender_gate}), a sequential scan, kept while the table grows to millions of rows until
 * autovacuum analyzes it. Planning a short statement costs far less than one such scan.
 */
public final class CustomPlans {

    private CustomPlans() {
    }

    public static PreparedStatement always(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }
}
