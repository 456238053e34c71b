package io.commentdesk.comment;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.valid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Bursts of submissions posted at the same instant from real threads, so the writers store them in
 * shared transactions: the rules still judge each one as if it had come alone, in turn.
 */
@QuarkusTest
@TestProfile(BatchedSubmissionsTest.Rules.class)
class BatchedSubmissionsTest {

    static final int BURST = 24;

    /** Rate and duplicate rules on, flood off (it would hide both), one writer so bursts share transactions. */
    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("comments.rules.flood.enabled", "false"),
                    Map.entry("comments.rules.rate-limit.enabled", "true"),
                    Map.entry("comments.rules.rate-limit.max", "3"),
                    Map.entry("comments.rules.rate-limit.window", "1h"),
                    Map.entry("comments.rules.duplicates.enabled", "true"),
                    Map.entry("comments.submission.writers", "1"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
        }
    }

    static ExecutorService pool;

    @Inject
    Db db;

    @BeforeAll
    static void threads() {
        pool = Executors.newFixedThreadPool(BURST);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void letsThreeOfABurstFromOneAddressThroughTheRateLimitAndNoMore() throws Exception {
        String article = newArticle();
        Map<Integer, Integer> statuses = burst(i -> post(article, "10.77.0.1", "rate-" + i + "@example.com", "Rate burst " + i));

        assertThat(statuses).containsOnlyKeys(202, 429).containsEntry(202, 3).containsEntry(429, BURST - 3);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(3);
    }

    @Test
    void storesOneOfABurstOfTheSameCommentAndCallsTheRestDuplicates() throws Exception {
        String article = newArticle();
        Map<Integer, Integer> statuses = burst(i -> post(article, "10.78." + i + ".1", "same@example.com", "Said once, sent often"));

        assertThat(statuses).containsOnlyKeys(202, 409).containsEntry(202, 1).containsEntry(409, BURST - 1);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(1);
    }

    @Test
    void storesEveryOneOfABurstOfDistinctReadersWhileOthersAreRefused() throws Exception {
        String article = newArticle();
        // Half honest readers, half a flood from one address: refusals in a batch must not fail the others.
        Map<Integer, Integer> statuses = burst(i -> i % 2 == 0
                ? post(article, "10.79." + i + ".1", "reader-" + i + "@example.com", "Reader number " + i)
                : post(article, "10.79.255.1", "flood-" + i + "@example.com", "Flood number " + i));

        assertThat(statuses).containsOnlyKeys(202, 429).containsEntry(202, BURST / 2 + 3).containsEntry(429, BURST / 2 - 3);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND content LIKE 'Reader number %'", article))
                .isEqualTo(BURST / 2);
    }

    /** Runs the posts on as many threads, released at once; counts the answers by status. */
    private static Map<Integer, Integer> burst(IntFunction<Integer> post) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                return post.apply(n);
            }));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        for (Future<Integer> answer : answers) {
            statuses.merge(answer.get(), 1, Integer::sum);
        }
        return statuses;
    }

    private static int post(String article, String ip, String email, String content) {
        Map<String, Object> body = new HashMap<>(valid());
        body.put("authorEmail", email);
        body.put("content", content);
        return given().urlEncodingEnabled(false).header("X-Forwarded-For", ip).contentType("application/json").body(body)
                .post(path(article)).then().extract().statusCode();
    }
}
