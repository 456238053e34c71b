package io.commentdesk.moderation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The moderation queue as ops watch it: how many comments wait ({@code commentdesk_queue_pending},
 * counted up to {@link #COUNT_CAP} only, so a scrape never counts a huge table) and how long the
 * oldest has waited ({@code commentdesk_queue_oldest_pending_age_seconds}, one index probe). Read at
 * most every {@link #FRESH_FOR}, on a worker, only while someone scrapes; a scrape itself never waits
 * for the database and, while it is out of reach, sees no value (NaN) rather than a stale one.
 */
@ApplicationScoped
class QueueGauges {

    /** Beyond this many pending comments the gauge says this number: the queue is long, whatever its exact length. */
    static final long COUNT_CAP = 100_000;
    private static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private record Reading(Instant at, double pending, Instant oldest) {
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Reading last = new Reading(Instant.MIN, Double.NaN, null);

    QueueGauges(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("commentdesk.queue.pending", this, g -> g.fresh().pending())
                .description("Comments waiting in the moderation queue (PENDING), counted up to " + COUNT_CAP)
                .register(registry);
        Gauge.builder("commentdesk.queue.oldest.pending.age", this, QueueGauges::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest pending comment has waited; 0 when none waits").register(registry);
    }

    private double oldestAgeSeconds() {
        Reading now = fresh();
        if (Double.isNaN(now.pending())) {
            return Double.NaN;
        }
        return now.oldest() == null ? 0 : Math.max(0, Duration.between(now.oldest(), clock.instant()).toMillis() / 1000.0);
    }

    /** The last reading; starts a new one in the background when it is older than {@link #FRESH_FOR}. */
    private Reading fresh() {
        Reading current = last;
        if (current.at().plus(FRESH_FOR).isBefore(clock.instant()) && reading.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    last = read();
                } finally {
                    reading.set(false);
                }
            });
        }
        return current;
    }

    private Reading read() {
        Instant at = clock.instant();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            long pending;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT 1 FROM comment WHERE status = 'PENDING' LIMIT "
                    + COUNT_CAP + ") AS waiting")) {
                rs.next();
                pending = rs.getLong(1);
            }
            Instant oldest;
            try (ResultSet rs = st.executeQuery("SELECT min(created_at) FROM comment WHERE status = 'PENDING'")) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                oldest = t == null ? null : t.toInstant();
            }
            return new Reading(at, pending, oldest);
        } catch (SQLException | RuntimeException e) {
            // Readiness and the 503s tell ops the database is gone; the gauges only stop claiming to know.
            return new Reading(at, Double.NaN, null);
        }
    }
}
