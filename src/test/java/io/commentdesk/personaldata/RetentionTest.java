package io.commentdesk.personaldata;

import static io.commentdesk.support.Metrics.scrape;
import static io.commentdesk.support.Metrics.value;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The retention job on PostgreSQL: what it removes and keeps, by timestamps and the clock it is given
 * (no waiting), in batches, with two replicas at once, and without holding up submissions.
 */
@QuarkusTest
class RetentionTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RetentionJob retention;
    @Inject
    Db db;
    @Inject
    AgroalDataSource dataSource;

    private Instant now;

    @BeforeEach
    void clearWhatEarlierTestsLeft() {
        now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        retention.run(now);
    }

    @AfterEach
    void noHook() {
        retention.inBatch(null);
    }

    @Test
    void removesIpAndUserAgentOfOldCommentsOnly() {
        String article = newArticle();
        long old = insert(article, "APPROVED", null, now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(31)));
        long oldRejected = insert(article, "REJECTED", null, now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(1)));
        long young = insert(article, "PENDING", null, now.minus(Duration.ofDays(29)), now.minus(Duration.ofDays(29)));

        RetentionRun run = retention.run(now).orElseThrow();

        assertThat(run.counts().ip()).isEqualTo(2);
        for (long id : new long[] { old, oldRejected }) {
            assertThat(db.row("SELECT ip_sealed, ip_hash, user_agent_sealed FROM comment WHERE id = ?", id))
                    .containsEntry("ip_sealed", null).containsEntry("ip_hash", null).containsEntry("user_agent_sealed", null);
        }
        assertThat(db.row("SELECT ip_sealed, ip_hash, user_agent_sealed FROM comment WHERE id = ?", young).values())
                .doesNotContainNull();
        // The comments themselves stay: only their sender's address and browser go.
        assertThat(db.count("SELECT count(*) FROM comment WHERE id IN (?, ?, ?)", old, oldRejected, young)).isEqualTo(3);

        // The same rows, a day later as the clock says: now the young one is old enough.
        assertThat(retention.run(now.plus(Duration.ofDays(2))).orElseThrow().counts().ip()).isEqualTo(1);
        assertThat(db.row("SELECT ip_sealed FROM comment WHERE id = ?", young)).containsEntry("ip_sealed", null);
    }

    @Test
    void deletesRejectedAndSpamLongAfterTheirDecisionWithWhatRefersToThem() {
        String article = newArticle();
        Instant longAgo = now.minus(Duration.ofDays(40));
        long rejected = insert(article, "REJECTED", null, longAgo, now.minus(Duration.ofDays(31)));
        long spam = insert(article, "SPAM", null, longAgo, now.minus(Duration.ofDays(31)));
        long recentlyRejected = insert(article, "REJECTED", null, longAgo, now.minus(Duration.ofDays(29)));
        long approved = insert(article, "APPROVED", null, longAgo, longAgo);
        // Replies move up when their parent is decided; should one still hang below, it moves up at the deletion.
        long reply = insert(article, "APPROVED", rejected, now.minus(Duration.ofDays(35)), now.minus(Duration.ofDays(35)));
        long spamReply = insert(article, "SPAM", spam, now.minus(Duration.ofDays(35)), now.minus(Duration.ofDays(31)));
        db.update("INSERT INTO audit_entry (id, comment_id, actor, action, from_status, to_status, created_at) "
                + "VALUES (nextval('audit_entry_id_seq'), ?, 'jane', 'REJECT', 'PENDING', 'REJECTED', ?)", rejected,
                at(now.minus(Duration.ofDays(31))));
        String key = hex();
        db.update("INSERT INTO idempotency_key (key_hash, request_hash, comment_id, created_at) VALUES (?, ?, ?, ?)", key, hex(),
                spam, at(longAgo));

        RetentionRun run = retention.run(now).orElseThrow();

        assertThat(run.counts().decided()).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM comment WHERE id IN (?, ?, ?)", rejected, spam, spamReply)).isZero();
        assertThat(db.count("SELECT count(*) FROM comment WHERE id IN (?, ?, ?)", recentlyRejected, approved, reply)).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE comment_id = ?", rejected)).isZero();
        assertThat(db.count("SELECT count(*) FROM idempotency_key WHERE key_hash = ?", key)).isZero();
        assertThat(db.row("SELECT parent_id FROM comment WHERE id = ?", reply)).containsEntry("parent_id", null);
        assertThat(db.row("SELECT actor, action, detail FROM audit_entry WHERE comment_id = ?", reply))
                .containsEntry("actor", "retention").containsEntry("action", "REPARENT")
                .containsEntry("detail", "previous parent " + rejected);
        // The approved reply moved to the top level: readers' cached pages of that article must change.
        assertThat(db.count("SELECT count(*) FROM article_revision WHERE article_id = ?", article)).isEqualTo(1);
    }

    @Test
    void prunesSenderGatesPastTheLongestWindowAndIdempotencyKeysPastTheirTtl() {
        String oldGate = hex();
        String unstampedGate = hex();
        String freshGate = hex();
        db.update("INSERT INTO sender_gate (sender_key, last_at) VALUES (?, ?), (?, NULL), (?, ?)", oldGate,
                at(now.minus(Duration.ofDays(2))), unstampedGate, freshGate, at(now.minus(Duration.ofMinutes(1))));
        String oldKey = hex();
        String freshKey = hex();
        db.update("INSERT INTO idempotency_key (key_hash, request_hash, created_at) VALUES (?, ?, ?), (?, ?, ?)", oldKey, hex(),
                at(now.minus(Duration.ofHours(25))), freshKey, hex(), at(now.minus(Duration.ofHours(23))));

        RetentionRun run = retention.run(now).orElseThrow();

        assertThat(run.counts().gates()).isEqualTo(2);
        assertThat(run.counts().idempotency()).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM sender_gate WHERE sender_key IN (?, ?)", oldGate, unstampedGate)).isZero();
        assertThat(db.count("SELECT count(*) FROM sender_gate WHERE sender_key = ?", freshGate)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM idempotency_key WHERE key_hash = ?", oldKey)).isZero();
        assertThat(db.count("SELECT count(*) FROM idempotency_key WHERE key_hash = ?", freshKey)).isEqualTo(1);
        // Moving the clock: a day on, the fresh ones are past their windows too.
        RetentionRun later = retention.run(now.plus(Duration.ofDays(1))).orElseThrow();
        assertThat(later.counts().gates()).isGreaterThanOrEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM sender_gate WHERE sender_key = ?", freshGate)).isZero();
        assertThat(db.count("SELECT count(*) FROM idempotency_key WHERE key_hash = ?", freshKey)).isZero();
    }

    @Test
    void worksInBatchesOfFiveHundredRows() {
        String article = newArticle();
        insertMany(article, "APPROVED", 1_200, now.minus(Duration.ofDays(31)));
        insertMany(article, "SPAM", 1_100, now.minus(Duration.ofDays(31)));
        AtomicInteger ipBatches = new AtomicInteger();
        AtomicInteger decidedBatches = new AtomicInteger();
        retention.inBatch((step, changed) -> {
            assertThat(changed.ip() + changed.decided()).isLessThanOrEqualTo(500);
            if (changed.ip() > 0) {
                ipBatches.incrementAndGet();
            }
            if (changed.decided() > 0) {
                decidedBatches.incrementAndGet();
            }
        });

        RetentionRun run = retention.run(now).orElseThrow();

        assertThat(run.counts().ip()).isEqualTo(2_300);
        assertThat(run.counts().decided()).isEqualTo(1_100);
        assertThat(ipBatches.get()).isEqualTo(3 + 3);
        assertThat(decidedBatches.get()).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND ip_sealed IS NOT NULL", article)).isZero();
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(1_200);
    }

    @Test
    void aReplicaThatDoesNotGetTheLockDoesNothing() throws SQLException {
        String article = newArticle();
        long old = insert(article, "APPROVED", null, now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(31)));
        try (Connection other = dataSource.getConnection(); PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, RetentionJob.LOCK_KEY);
            lock.execute();
            try {
                assertThat(retention.run(now)).isEmpty();
                assertThat(db.row("SELECT ip_sealed FROM comment WHERE id = ?", old).get("ip_sealed")).isNotNull();
            } finally {
                try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, RetentionJob.LOCK_KEY);
                    unlock.execute();
                }
            }
        }
        assertThat(retention.run(now).orElseThrow().counts().ip()).isEqualTo(1);
    }

    @Test
    void twoReplicasAtOnceDoTheWorkOnceWithoutDeadlock() throws Exception {
        String article = newArticle();
        insertMany(article, "APPROVED", 2_000, now.minus(Duration.ofDays(31)));
        insertMany(article, "REJECTED", 1_000, now.minus(Duration.ofDays(31)));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<RetentionRun>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(replicas.submit(() -> {
                    start.await();
                    return retention.run(now);
                }));
            }
            start.countDown();
            long ip = 0;
            long decided = 0;
            int worked = 0;
            for (Future<Optional<RetentionRun>> run : runs) {
                Optional<RetentionRun> done = run.get(60, TimeUnit.SECONDS);
                if (done.isPresent()) {
                    worked++;
                    ip += done.get().counts().ip();
                    decided += done.get().counts().decided();
                }
            }
            assertThat(worked).isBetween(1, 2);
            assertThat(ip).isEqualTo(3_000);
            assertThat(decided).isEqualTo(1_000);
        } finally {
            replicas.shutdownNow();
        }
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND ip_hash IS NOT NULL", article)).isZero();
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(2_000);
    }

    @Test
    void submissionsAreNotHeldUpWhileABatchHoldsItsRows() throws Exception {
        String article = newArticle();
        insertMany(article, "APPROVED", 600, now.minus(Duration.ofDays(31)));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        retention.inBatch((step, changed) -> {
            if (changed.ip() > 0 && inside.getCount() > 0) {
                inside.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ExecutorService replica = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<RetentionRun>> run = replica.submit(() -> retention.run(now));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            long began = System.nanoTime();
            postJson(article, with("content", "Written while the retention job works " + System.nanoTime())).statusCode(202);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
            assertThat(run.isDone()).isFalse();
            release.countDown();
            assertThat(run.get(60, TimeUnit.SECONDS).orElseThrow().counts().ip()).isEqualTo(600);
        } finally {
            release.countDown();
            replica.shutdownNow();
        }
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND ip_sealed IS NOT NULL", article)).isEqualTo(1);
    }

    @Test
    void adminsSeeTheLastRun() {
        String article = newArticle();
        insert(article, "APPROVED", null, now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(31)));
        retention.run(now).orElseThrow();

        given().auth().oauth2(Tokens.admin("retention-boss")).get("/api/v1/admin/privacy/retention").then().statusCode(200)
                .body("startedAt", notNullValue()).body("finishedAt", notNullValue()).body("replica", notNullValue())
                .body("counts.ip", equalTo(1)).body("counts.decided", equalTo(0))
                .body("counts.gates", notNullValue()).body("counts.idempotency", notNullValue())
                .body("settings.ipRetention", equalTo("PT720H")).body("settings.decidedRetention", equalTo("PT720H"));
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE actor = 'retention-boss' AND action = 'PRIVACY_VIEW' "
                + "AND detail = 'retention' AND comment_id IS NULL AND subject_hash IS NULL")).as("the look is audited").isOne();
    }

    @Test
    void onlyAdminsSeeIt() {
        given().get("/api/v1/admin/privacy/retention").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.moderator("retention-jane")).get("/api/v1/admin/privacy/retention").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void countsWhatItRemovedInTheMetrics() {
        String scrape = scrape();
        for (String what : new String[] { "ip", "decided", "gates", "idempotency" }) {
            assertThat(scrape).contains("commentdesk_retention_removed_total{what=\"" + what + "\"}");
        }
        for (String outcome : new String[] { "done", "skipped", "failed" }) {
            assertThat(scrape).contains("commentdesk_retention_runs_total{outcome=\"" + outcome + "\"}");
        }
        assertThat(scrape).contains("commentdesk_retention_duration_seconds_count", "commentdesk_retention_last_finished_seconds ");
        double ip = value(scrape, "commentdesk_retention_removed_total{what=\"ip\"}");
        double done = value(scrape, "commentdesk_retention_runs_total{outcome=\"done\"}");
        insertMany(newArticle(), "PENDING", 3, now.minus(Duration.ofDays(31)));

        retention.run(now).orElseThrow();

        String after = scrape();
        assertThat(value(after, "commentdesk_retention_removed_total{what=\"ip\"}")).isEqualTo(ip + 3);
        assertThat(value(after, "commentdesk_retention_runs_total{outcome=\"done\"}")).isEqualTo(done + 1);
        assertThat(value(after, "commentdesk_retention_last_finished_seconds")).isGreaterThanOrEqualTo(now.getEpochSecond());
    }

    private long insert(String article, String status, Long parent, Instant createdAt, Instant updatedAt) {
        long id = db.count("SELECT nextval('comment_id_seq')");
        db.update("INSERT INTO comment (id, article_id, parent_id, status, author_name, content, email_sealed, email_hash, ip_sealed, "
                + "ip_hash, user_agent_sealed, created_at, updated_at) VALUES (?, ?, ?, ?, 'Old Reader', 'An old comment', 'k1:sealed', ?, "
                + "'k1:ip', ?, 'k1:ua', ?, ?)", id, article, parent, status, hex(), hex(), at(createdAt), at(updatedAt));
        return id;
    }

    /** Many old comments at once, one statement. */
    private void insertMany(String article, String status, int count, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO comment (id, article_id, status, author_name, content, email_sealed, email_hash, ip_sealed, ip_hash, "
                        + "user_agent_sealed, created_at, updated_at) SELECT nextval('comment_id_seq'), ?, ?, 'Old Reader', "
                        + "'An old comment ' || n, 'k1:sealed', md5(random()::text) || md5(random()::text), 'k1:ip', "
                        + "md5(random()::text) || md5(random()::text), 'k1:ua', CAST(? AS TIMESTAMPTZ) - n * INTERVAL '1 second', ? FROM generate_series(1, ?) n")) {
            st.setString(1, article);
            st.setString(2, status);
            st.setObject(3, at(at));
            st.setObject(4, at(at));
            st.setInt(5, count);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String hex() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
