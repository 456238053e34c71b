package io.commentdesk.comment;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.commentdesk.db.DatabaseOutage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Group commit for submissions. A request hands its prepared submission over; a few writer threads
 * each take whatever has queued up meanwhile and store it in one transaction
 * ({@link SubmissionBatch}). Under load a database round trip then serves dozens of submissions
 * instead of one; alone, a submission waits for nobody. The request is answered only after its
 * batch committed, so nothing acknowledged can be lost.
 */
@ApplicationScoped
class SubmissionWriter {

    private static final Logger LOG = Logger.getLogger(SubmissionWriter.class);

    private record Pending(PreparedSubmission submission, CompletableFuture<SubmissionBatch.Outcome> outcome) {
    }

    private final SubmissionBatch batches;
    private final SubmissionConfig config;
    private final SubmissionMetrics metrics;
    private final DatabaseOutage outage;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed = true;

    SubmissionWriter(SubmissionBatch batches, SubmissionConfig config, SubmissionMetrics metrics, DatabaseOutage outage) {
        this.batches = batches;
        this.outage = outage;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        closed = false;
        for (int i = 0; i < Math.max(1, config.writers()); i++) {
            Thread writer = new Thread(this::run, "submission-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Writers finish what was handed to them before the application stops. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        closed = true;
        // One deadline for all of them: the stop as a whole must fit an orchestrator's grace period.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread writer : writers) {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /**
     * Stores the submission (in a batch with others) and returns its outcome once committed.
     *
     * @throws RuntimeException what storing it alone threw, when its batch failed
     */
    SubmissionBatch.Outcome write(PreparedSubmission submission) {
        try {
            // Once the writers stopped, this thread may block: it stores the submission itself.
            return submit(submission, Runnable::run).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Hands the submission over without waiting: the future completes on a writer thread once its
     * batch committed (or failed, with what storing it alone threw). A caller continues elsewhere
     * ({@code thenApplyAsync}), not on the writer, whose thread the next batch waits for.
     */
    CompletableFuture<SubmissionBatch.Outcome> submit(PreparedSubmission submission) {
        return submit(submission, Infrastructure.getDefaultWorkerPool());
    }

    private CompletableFuture<SubmissionBatch.Outcome> submit(PreparedSubmission submission, Executor onceStopped) {
        Pending pending = new Pending(submission, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            // No writer is left to take it.
            return CompletableFuture.supplyAsync(() -> alone(submission), onceStopped);
        }
        return pending.outcome();
    }

    /** Submissions handed over and not yet taken by a writer. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        List<Pending> taken = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, Math.max(1, config.maxBatch()) - 1);
                write(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // A writer must never die: fail what it held, go on with the next.
                LOG.error("Submission writer failed", e);
                taken.forEach(p -> p.outcome().completeExceptionally(e));
            } finally {
                taken.clear();
            }
        }
    }

    private void write(List<Pending> taken) {
        // Submissions with an Idempotency-Key go alone: two of them with the same key must not share a transaction,
        // where the second would find the first's claim as its own.
        List<Pending> together = new ArrayList<>(taken.size());
        for (Pending pending : taken) {
            if (pending.submission().idempotencyKey() == null) {
                together.add(pending);
            } else {
                settle(pending);
            }
        }
        if (together.size() == 1) {
            settle(together.get(0));
        } else if (!together.isEmpty() && !failedFast(together)) {
            List<SubmissionBatch.Outcome> outcomes;
            try {
                outcomes = store(together.stream().map(Pending::submission).toList());
            } catch (RuntimeException e) {
                if (outage.observed(e)) {
                    // Alone, each would fail the same way, one acquisition timeout after another: answer all now (503).
                    together.forEach(p -> p.outcome().completeExceptionally(e));
                    return;
                }
                // Whatever else failed the batch (a deadlock, a constraint), it failed all of it:
                // store each one alone, so each gets its own answer.
                LOG.debugf("A batch of %d submissions failed (%s); storing each alone", together.size(), e.getClass().getName());
                together.forEach(this::settle);
                return;
            }
            for (int i = 0; i < together.size(); i++) {
                together.get(i).outcome().complete(outcomes.get(i));
            }
        }
    }

    /** While the database was out of reach a moment ago, answers 503 at once rather than wait for a connection again. */
    private boolean failedFast(List<Pending> pending) {
        if (!outage.recent()) {
            return false;
        }
        SQLException down = DatabaseOutage.failFast();
        pending.forEach(p -> p.outcome().completeExceptionally(down));
        return true;
    }

    private void settle(Pending pending) {
        if (failedFast(List.of(pending))) {
            return;
        }
        try {
            pending.outcome().complete(alone(pending.submission()));
        } catch (RuntimeException e) {
            outage.observed(e);
            pending.outcome().completeExceptionally(e);
        }
    }

    private SubmissionBatch.Outcome alone(PreparedSubmission submission) {
        return store(List.of(submission)).get(0);
    }

    /** One transaction; its size and time counted for ops once it committed. */
    private List<SubmissionBatch.Outcome> store(List<PreparedSubmission> batch) {
        long start = System.nanoTime();
        List<SubmissionBatch.Outcome> outcomes = batches.write(batch);
        metrics.batch(batch.size(), System.nanoTime() - start);
        return outcomes;
    }
}
