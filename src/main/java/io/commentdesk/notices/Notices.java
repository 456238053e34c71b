package io.commentdesk.notices;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.commentdesk.db.DatabaseOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Listens, on one database connection of its own (outside the pool), to the notices every replica
 * sends when it commits a change that others keep in memory (article revisions, article terms, the
 * blocklist) or pass on (the moderation queue's events), and hands each to its {@link Noticed}. When the connection is lost (database restart,
 * network), every memory stops being trusted at once, and reads go to the database until the
 * listener is back. On the embedded database there is one process, so nothing to listen to.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);
    /** How long one wait for notices lasts; between waits the connection is checked now and then. */
    private static final int WAIT_MILLIS = 500;
    private static final int CHECK_EVERY_WAITS = 10;
    private static final Duration RETRY = Duration.ofSeconds(1);
    static final String APPLICATION_NAME = "comment-desk notices";

    private final List<Noticed> noticed;
    private final DatabaseOutage outage;
    private final boolean postgres;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    Notices(Instance<Noticed> noticed, Announcer announcer, DatabaseOutage outage,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.noticed = noticed.stream().toList();
        this.outage = outage;
        this.postgres = announcer.postgres();
        this.url = url.orElse("");
        username.ifPresent(u -> credentials.setProperty("user", u));
        password.ifPresent(p -> credentials.setProperty("password", p));
        credentials.setProperty("ApplicationName", APPLICATION_NAME);
        // A host that stopped answering must not hold the listener for the driver's default minutes: it only
        // ever waits briefly for notices or runs SELECT 1.
        credentials.setProperty("connectTimeout", "2");
        credentials.setProperty("socketTimeout", "10");
    }

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("commentdesk.notices.listening", this, n -> n.hearing() ? 1 : 0)
                .description("1 while this replica hears other replicas' change notices, 0 while it reads from the database instead")
                .register(registry);
        if (!postgres) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "notices");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this replica hears other replicas' changes now; always on the embedded database, which has no others. */
    public boolean hearing() {
        return !postgres || listening;
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        listening = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            // Its own connection, outside the pool: it is held for good, and a broken one must never be handed
            // to a request.
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                noticed.forEach(Noticed::deaf);
                if (running) {
                    LOG.warnf("Not hearing change notices (%s); replicated memory is bypassed until listening again",
                            e.getMessage());
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
        Map<String, Noticed> byChannel = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            for (Noticed n : noticed) {
                st.execute("LISTEN " + n.channel());
                byChannel.put(n.channel(), n);
            }
            noticed.forEach(Noticed::listening);
            outage.reachable();
            listening = true;
            LOG.debug("Listening to change notices");
            int waits = 0;
            while (running) {
                PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                if (notices != null) {
                    for (PGNotification notice : notices) {
                        Noticed target = byChannel.get(notice.getName());
                        if (target != null) {
                            target.heard(notice.getParameter());
                        }
                    }
                }
                if (++waits % CHECK_EVERY_WAITS == 0) {
                    // A connection that died quietly (no reset seen) must not leave memory trusted.
                    st.execute("SELECT 1");
                }
            }
        }
    }
}
