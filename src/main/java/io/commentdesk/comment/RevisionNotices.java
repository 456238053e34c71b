package io.commentdesk.comment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Listens, on one database connection of its own (outside the pool), to the revision notices every replica sends when it
 * commits a change readers would see, and tells {@link ArticleRevisions}. When the connection is
 * lost (database restart, network), memory stops being trusted at once and reads go to the
 * database until the listener is back.
 */
@ApplicationScoped
public class RevisionNotices {

    private static final Logger LOG = Logger.getLogger(RevisionNotices.class);
    /** How long one wait for notices lasts; between waits the connection is checked. */
    private static final int WAIT_MILLIS = 500;
    private static final int CHECK_EVERY_WAITS = 10;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ArticleRevisions revisions;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private Thread thread;

    RevisionNotices(ArticleRevisions revisions, @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.revisions = revisions;
        this.url = url.orElse("");
        username.ifPresent(u -> credentials.setProperty("user", u));
        password.ifPresent(p -> credentials.setProperty("password", p));
        credentials.setProperty("ApplicationName", "comment-desk revision notices");
    }

    void start(@Observes StartupEvent event) {
        if (!revisions.postgres()) {
            return; // the embedded database has one process: every change is made, and heard, here
        }
        running = true;
        thread = new Thread(this::run, "revision-notices");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            // A connection of its own, outside the pool: it is held for good, and a broken one must never be
            // handed to a request.
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                revisions.deaf();
                if (running) {
                    LOG.warnf("Not hearing article revision notices (%s); readers' revisions come from the database until "
                            + "listening again", e.getMessage());
                }
            }
            if (running) {
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement st = connection.createStatement()) {
            st.execute("LISTEN " + ArticleRevisions.CHANNEL);
            revisions.listening();
            LOG.debug("Listening to article revision notices");
            int waits = 0;
            while (running) {
                PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                if (notices != null) {
                    for (PGNotification notice : notices) {
                        heard(notice.getParameter());
                    }
                }
                if (++waits % CHECK_EVERY_WAITS == 0) {
                    // A connection that died quietly (no reset seen) must not leave memory trusted.
                    st.execute("SELECT 1");
                }
            }
        }
    }

    private void heard(String payload) {
        int colon = payload.indexOf(':');
        if (colon > 0) {
            try {
                revisions.changed(payload.substring(colon + 1), Long.parseLong(payload.substring(0, colon)));
                return;
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        LOG.warnf("Ignoring a malformed article revision notice");
    }
}
