package io.commentdesk.personaldata;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * What ops watch of the retention job: rows removed by kind ({@code commentdesk_retention_removed_total{what}}),
 * runs by outcome ({@code done}: this replica did the work; {@code skipped}: another replica held the lock;
 * {@code failed}), how long a run took, and when this replica last finished one. Registered at start, so a
 * dashboard sees zeros rather than missing series.
 */
@Startup
@ApplicationScoped
class RetentionMetrics {

    private final Counter ip;
    private final Counter decided;
    private final Counter gates;
    private final Counter idempotency;
    private final Counter done;
    private final Counter skipped;
    private final Counter failed;
    private final Timer duration;
    private final AtomicLong lastFinished = new AtomicLong();

    RetentionMetrics(MeterRegistry registry) {
        ip = removed(registry, "ip");
        decided = removed(registry, "decided");
        gates = removed(registry, "gates");
        idempotency = removed(registry, "idempotency");
        done = runs(registry, "done");
        skipped = runs(registry, "skipped");
        failed = runs(registry, "failed");
        duration = Timer.builder("commentdesk.retention.duration").description("One retention run that did the work, start to end")
                .register(registry);
        Gauge.builder("commentdesk.retention.last.finished", lastFinished, AtomicLong::get).baseUnit("seconds")
                .description("When this replica last finished a retention run (Unix time); 0 if it never did").register(registry);
    }

    private static Counter removed(MeterRegistry registry, String what) {
        return Counter.builder("commentdesk.retention.removed").tag("what", what)
                .description("Rows the retention job removed or cleared: ip (IP and user agent), decided (REJECTED/SPAM comments), "
                        + "gates (sender gates), idempotency (Idempotency-Key records)")
                .register(registry);
    }

    private static Counter runs(MeterRegistry registry, String outcome) {
        return Counter.builder("commentdesk.retention.runs").tag("outcome", outcome)
                .description("Retention runs: done (this replica did the work), skipped (another held the lock), failed").register(registry);
    }

    /** Counted per committed batch, so a run that fails half way still counts what it did. */
    void removed(RetentionRun.Counts batch) {
        ip.increment(batch.ip());
        decided.increment(batch.decided());
        gates.increment(batch.gates());
        idempotency.increment(batch.idempotency());
    }

    void done(long nanos, Instant finishedAt) {
        done.increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
        lastFinished.set(finishedAt.getEpochSecond());
    }

    void skipped() {
        skipped.increment();
    }

    void failed() {
        failed.increment();
    }
}
