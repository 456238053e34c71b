package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The held queue (pending comments a rule held, with reasons: {@code status=HELD}, and its count in the
 * stats) read from an index of exactly those rows, oldest first, however few they are among the pending.
 * A partial index, which PostgreSQL has and H2 has not: the only migration written in Java, so the one
 * script can leave the embedded database (one process, small) without it. Every other migration is SQL
 * that runs unchanged on both.
 */
// JavaMigration named again: Quarkus finds Java migrations in its class index, which need not know Flyway's base class.
public class V11__held_queue extends BaseJavaMigration implements JavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("CREATE INDEX comment_held ON comment (created_at, id) WHERE status = 'PENDING' AND hold_reasons IS NOT NULL");
        }
    }
}
