package io.commentdesk.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Group commit without a database: a stand-in for the batch transaction records what each
 * transaction was given, and fails any transaction holding a poisoned submission.
 */
class SubmissionWriterTest {

    /** Stands in for the batch transaction. */
    static final class RecordingBatch extends SubmissionBatch {
        final List<List<String>> transactions = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch firstMayFinish = new CountDownLatch(1);

        RecordingBatch() {
            super(null, null, null, null, null, null, null, null, null, null, null, null);
        }

        @Override
        List<Outcome> write(List<PreparedSubmission> batch) {
            List<String> contents = batch.stream().map(s -> s.valid().content()).toList();
            transactions.add(contents);
            threads.add(Thread.currentThread());
            if (transactions.size() == 1) {
                try {
                    firstMayFinish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (contents.contains("poison")) {
                throw new IllegalStateException("constraint violated by poison");
            }
            if (contents.contains("database gone") && contents.size() > 1) {
                throw new IllegalStateException(new java.sql.SQLException("Connection refused", "08001"));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (PreparedSubmission submission : batch) {
                Comment comment = new Comment();
                comment.content = submission.valid().content();
                outcomes.add(new Outcome(comment, null, SubmissionMetrics.Verdict.ACCEPTED));
            }
            return outcomes;
        }
    }

    private final RecordingBatch batch = new RecordingBatch();
    private final SubmissionWriter writer = new SubmissionWriter(batch, new SubmissionConfig() {
        @Override
        public int writers() {
            return 1;
        }

        @Override
        public int maxBatch() {
            return 64;
        }
    }, new SubmissionMetrics(new SimpleMeterRegistry()), new io.commentdesk.db.DatabaseOutage(() -> 0));
    private final ExecutorService requests = Executors.newFixedThreadPool(12);

    @AfterEach
    void stop() throws InterruptedException {
        batch.firstMayFinish.countDown();
        writer.stop(null);
        requests.shutdownNow();
    }

    @Test
    void storesWhatQueuedUpMeanwhileInOneTransaction() throws Exception {
        writer.start(null);
        Future<SubmissionBatch.Outcome> first = requests.submit(() -> writer.write(submission("first")));
        awaitTransactions(1);
        List<Future<SubmissionBatch.Outcome>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String content = "queued " + i;
            queued.add(requests.submit(() -> writer.write(submission(content))));
        }
        awaitWaiting(10); // all ten queued up behind the first transaction
        batch.firstMayFinish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).comment().content).isEqualTo("first");
        for (int i = 0; i < 10; i++) {
            assertThat(queued.get(i).get(10, TimeUnit.SECONDS).comment().content).isEqualTo("queued " + i);
        }
        assertThat(batch.transactions).hasSize(2);
        assertThat(batch.transactions.get(1)).hasSize(10);
    }

    @Test
    void storesTheOthersAloneWhenOneFailsTheirTransactionAndGivesItsCallerTheError() throws Exception {
        writer.start(null);
        Future<SubmissionBatch.Outcome> first = requests.submit(() -> writer.write(submission("first")));
        awaitTransactions(1);
        List<Future<SubmissionBatch.Outcome>> queued = new ArrayList<>();
        for (String content : List.of("a", "poison", "b")) {
            queued.add(requests.submit(() -> writer.write(submission(content))));
        }
        awaitWaiting(3);
        batch.firstMayFinish.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(queued.get(0).get(10, TimeUnit.SECONDS).comment().content).isEqualTo("a");
        assertThat(queued.get(2).get(10, TimeUnit.SECONDS).comment().content).isEqualTo("b");
        assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        // The shared transaction failed, then each was tried alone.
        assertThat(batch.transactions).hasSize(5);
        assertThat(batch.transactions.get(1)).containsExactlyInAnyOrder("a", "poison", "b");
        assertThat(batch.transactions.subList(2, 5)).allSatisfy(alone -> assertThat(alone).hasSize(1))
                .flatMap(alone -> alone).containsExactlyInAnyOrder("a", "poison", "b");
    }

    @Test
    void failsTheWholeBatchAtOnceWhenTheDatabaseIsOutOfReachInsteadOfTryingEachAlone() throws Exception {
        writer.start(null);
        Future<SubmissionBatch.Outcome> first = requests.submit(() -> writer.write(submission("first")));
        awaitTransactions(1);
        List<Future<SubmissionBatch.Outcome>> queued = new ArrayList<>();
        for (String content : List.of("a", "database gone", "b")) {
            queued.add(requests.submit(() -> writer.write(submission(content))));
        }
        awaitWaiting(3);
        batch.firstMayFinish.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<SubmissionBatch.Outcome> answer : queued) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(java.sql.SQLException.class);
        }
        // Alone, each would have waited for a connection in turn: none was tried again.
        assertThat(batch.transactions).hasSize(2);
    }

    @Test
    void handsOverWithoutWaitingAndCompletesOnceTheBatchIsStored() throws Exception {
        writer.start(null);
        CompletableFuture<SubmissionBatch.Outcome> first = writer.submit(submission("first"));
        awaitTransactions(1);
        assertThat(first).isNotDone(); // its transaction has not finished: the caller went on meanwhile

        batch.firstMayFinish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).comment().content).isEqualTo("first");
    }

    @Test
    void storesOnAnotherThreadOnceStoppedWhenTheCallerMustNotBlock() throws Exception {
        batch.firstMayFinish.countDown();
        writer.start(null);
        writer.stop(null);

        assertThat(writer.submit(submission("late")).get(10, TimeUnit.SECONDS).comment().content).isEqualTo("late");
        assertThat(batch.transactions).containsExactly(List.of("late"));
        assertThat(batch.threads).doesNotContain(Thread.currentThread());
    }

    @Test
    void storesOnTheCallersThreadOnceStopped() throws Exception {
        batch.firstMayFinish.countDown();
        writer.start(null);
        writer.stop(null);

        assertThat(writer.write(submission("late")).comment().content).isEqualTo("late");
        assertThat(batch.transactions).containsExactly(List.of("late"));
        assertThat(batch.threads).containsExactly(Thread.currentThread());
    }

    private void awaitWaiting(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == count);
    }

    private void awaitTransactions(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> batch.transactions.size() >= count);
    }

    private static PreparedSubmission submission(String content) {
        return new PreparedSubmission(new SubmissionValidator.Valid("article", "Reader", "reader@example.com", null, content, null),
                false, null, null, null, "h1", new PreparedSubmission.Hashes("email-hash", null, "content-hash"), List.of(), "sealed",
                null, null);
    }
}
