package io.commentdesk.notices;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a replica remembers (readers' revisions, article terms, the blocklist) stays true while other
 * replicas change it: their changes arrive as notices, and when the listening connection is lost the
 * replica asks the database until it listens again, so a missed notice never leaves stale memory.
 * "Another replica" is played by plain JDBC doing what a replica's transaction does.
 */
@QuarkusTest
class NoticesTest {

    static final String JANE = Tokens.moderator("jane");
    static final String BOSS = Tokens.admin("boss");

    @Inject
    Db db;

    @Inject
    LookupHasher hasher;

    private void bumpAsAnotherReplica(String article) {
        db.row("WITH bumped AS (UPDATE article_revision SET revision = revision + 1 WHERE article_id = ? RETURNING revision) "
                + "SELECT pg_notify('article_revision', revision || ':' || ?) FROM bumped", article, article);
    }

    private static String etag(String article) {
        return given().get(path(article)).then().statusCode(200).extract().header("ETag");
    }

    private static int revalidate(String article, String etag) {
        return given().header("If-None-Match", etag).get(path(article)).then().extract().statusCode();
    }

    private long listeners() {
        return db.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?",
                Notices.APPLICATION_NAME);
    }

    @Test
    void anotherReplicasApprovalIsHeardWithinASecond() {
        String article = newArticle();
        approve(JANE, submit(article));
        String etag = etag(article);
        assertThat(revalidate(article, etag)).isEqualTo(304);

        bumpAsAnotherReplica(article);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> revalidate(article, etag) == 200);
        assertThat(etag(article)).isNotEqualTo(etag);
    }

    @Test
    void anotherReplicaClosingAnArticleIsHeardWithinASecond() {
        String article = newArticle();
        given().auth().oauth2(BOSS).contentType("application/json")
                .body(Map.of("title", "Open for comments", "commentsOpen", true)).put("/api/v1/admin/articles/" + article).then().statusCode(201);
        postJson(article, valid()).statusCode(202); // the terms are now in memory

        db.row("WITH closed AS (UPDATE article SET comments_open = false WHERE article_id = ? RETURNING article_id) "
                + "SELECT pg_notify('article_terms', article_id) FROM closed", article);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> postJson(article, valid()).extract().statusCode() == 403);
    }

    @Test
    void anotherReplicasBlockIsHeardWithinASecond() {
        String email = "blocked-" + System.nanoTime() + "@example.com";
        String article = newArticle();
        postJson(article, with("authorEmail", email)).statusCode(202); // the blocklist is now in memory

        // An id far from the sequence's, so the service's own inserts never meet it.
        long id = 900_000_000L + System.nanoTime() % 1_000_000L;
        db.row("WITH added AS (INSERT INTO block (id, kind, target, created_at, created_by) VALUES (?, 'EMAIL', ?, CURRENT_TIMESTAMP, "
                + "'other') RETURNING id) SELECT pg_notify('blocklist', '') FROM added", id, hasher.emailHash(email));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> postJson(article, with("authorEmail", email)).extract().statusCode() == 403);
    }

    @Test
    void aChangeAnnouncedWhileTheListenerIsCutOffIsStillSeen() {
        String article = newArticle();
        approve(JANE, submit(article));
        String etag = etag(article);
        assertThat(revalidate(article, etag)).isEqualTo(304);

        // Cut the listener's connection (as a database restart or a network fault would), then change the
        // article while the notice has nobody to reach.
        assertThat(db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = ?", Notices.APPLICATION_NAME)).isEqualTo(1);
        bumpAsAnotherReplica(article);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).until(() -> revalidate(article, etag) == 200);
        // And it listens again: a later change is heard too.
        await().atMost(Duration.ofSeconds(5)).until(() -> listeners() == 1);
        String current = etag(article);
        bumpAsAnotherReplica(article);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> revalidate(article, current) == 200);
    }
}
