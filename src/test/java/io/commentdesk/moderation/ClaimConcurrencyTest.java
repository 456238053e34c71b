package io.commentdesk.moderation;

import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Comments;
import io.commentdesk.support.Db;
import io.commentdesk.support.Submissions;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Four moderators, on four threads, claim and decide a queue of 1,000 comments at once on
 * PostgreSQL: each comment is handed to exactly one of them and decided exactly once.
 */
@QuarkusTest
@TestProfile(ClaimConcurrencyTest.OwnQueue.class)
class ClaimConcurrencyTest {

    /** A fresh start on an emptied schema, so the queue holds exactly this test's comments. */
    public static class OwnQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.replies.max-depth", "5");
        }
    }

    static final int COMMENTS = 1_000;
    static final int MODERATORS = 4;

    @Inject
    Db db;

    @Test
    void fourModeratorsDecideEveryCommentExactlyOnce() throws Exception {
        assertThat(db.count("SELECT count(*) FROM comment WHERE status = 'PENDING'")).isZero();
        String article = Submissions.newArticle();
        ExecutorService pool = Executors.newFixedThreadPool(MODERATORS);
        List<Future<Long>> submitted = new ArrayList<>();
        for (int i = 0; i < COMMENTS; i++) {
            int n = i;
            submitted.add(pool.submit(() -> Comments.submit(article, "Comment number " + n)));
        }
        Set<Long> all = new HashSet<>();
        for (Future<Long> f : submitted) {
            all.add(f.get());
        }
        assertThat(all).hasSize(COMMENTS);

        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        List<Long> handedOutTwice = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger decisions = new AtomicInteger();
        List<Future<?>> moderators = new ArrayList<>();
        for (int m = 0; m < MODERATORS; m++) {
            String name = "moderator-" + m;
            String token = Tokens.moderator(name);
            moderators.add(pool.submit(() -> {
                while (true) {
                    JsonPath claimed = as(token).body(Map.of("limit", 25)).post("/api/v1/moderation/claims").then()
                            .statusCode(200).extract().jsonPath();
                    List<Map<String, Object>> items = claimed.getList("items");
                    if (items.isEmpty()) {
                        return null;
                    }
                    for (Map<String, Object> item : items) {
                        long id = ((Number) item.get("id")).longValue();
                        if (claimedBy.putIfAbsent(id, name) != null) {
                            handedOutTwice.add(id);
                        }
                        String action = id % 2 == 0 ? "APPROVE" : "REJECT";
                        Comments.decide(token, id, ((Number) item.get("version")).longValue(), action).statusCode(200);
                        decisions.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : moderators) {
            f.get();
        }
        pool.shutdown();

        assertThat(handedOutTwice).as("comments handed to two moderators").isEmpty();
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(new HashSet<>(claimedBy.values())).as("every moderator got work").hasSize(MODERATORS);
        assertThat(decisions.get()).isEqualTo(COMMENTS);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND status = 'PENDING'", article)).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE action IN ('APPROVE', 'REJECT')")).isEqualTo(COMMENTS);
        assertThat(db.count("SELECT count(*) FROM (SELECT comment_id FROM audit_entry WHERE action IN ('APPROVE', 'REJECT') "
                + "GROUP BY comment_id HAVING count(*) > 1) twice")).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE action = 'CLAIM'")).isEqualTo(COMMENTS);
        assertThat(db.count("SELECT count(DISTINCT comment_id) FROM audit_entry WHERE action = 'CLAIM'")).isEqualTo(COMMENTS);
    }
}
