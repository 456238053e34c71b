package io.commentdesk.rules;

import static io.commentdesk.rules.FloodRulesTest.newIp;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Honest readers and abusers post at once from many threads, with every rule on: each honest
 * submission that got 202 is in the database, exactly as sent.
 */
@QuarkusTest
@TestProfile(FloodRulesTest.Rules.class)
class NoHonestCommentLostTest {

    static final int THREADS = 8;
    static final int HONEST_PER_THREAD = 25;

    @Inject
    Db db;

    @Test
    void everyAcknowledgedHonestCommentIsStored() throws Exception {
        String article = newArticle();
        String floodIp = newIp();
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger honestRefused = new AtomicInteger();
        AtomicInteger abusiveAccepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < HONEST_PER_THREAD; i++) {
                    String content = "Honest comment " + thread + "-" + i;
                    var honest = post(article, newIp(), "honest-" + thread + "-" + i + "@example.com", content, null);
                    if (honest.statusCode() == 202) {
                        acknowledged.put(honest.jsonPath().getLong("id"), content);
                    } else {
                        honestRefused.incrementAndGet();
                    }
                    // Abuse in between: a flood from one address, a repeated comment, a bot filling the honeypot.
                    if (post(article, floodIp, "flooder-" + thread + "-" + i + "@example.com", "Buy now " + i, null).statusCode() == 202) {
                        abusiveAccepted.incrementAndGet();
                    }
                    post(article, newIp(), "honest-" + thread + "-" + i + "@example.com", content, null);
                    post(article, newIp(), "bot-" + thread + "-" + i + "@example.com", "spam " + i, "http://bot.example/");
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();

        assertThat(acknowledged).hasSize(THREADS * HONEST_PER_THREAD - honestRefused.get());
        assertThat(honestRefused.get()).as("honest comments refused").isZero();
        // One flood address: the 2 s interval lets a few through over the run, the rate limit (3 per window) no more.
        assertThat(abusiveAccepted.get()).as("flood comments accepted").isBetween(1, 3);
        for (Map.Entry<Long, String> entry : acknowledged.entrySet()) {
            Map<String, Object> row = db.row("SELECT content, status FROM comment WHERE id = ?", entry.getKey());
            assertThat(row).as("comment %d", entry.getKey()).isNotNull().containsEntry("content", entry.getValue())
                    .containsEntry("status", "PENDING");
        }
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND status = 'PENDING' AND content LIKE 'Honest%'",
                article)).isEqualTo(acknowledged.size());
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND status = 'SPAM'", article))
                .isEqualTo(THREADS * HONEST_PER_THREAD);
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> post(String article, String ip,
            String email, String content, String honeypot) {
        Map<String, Object> body = new HashMap<>(Map.of("authorName", "Reader", "authorEmail", email, "content", content));
        if (honeypot != null) {
            body.put("website2", honeypot);
        }
        return given().urlEncodingEnabled(false).header("X-Forwarded-For", ip).contentType("application/json").body(body)
                .post(path(article)).then().extract();
    }
}
