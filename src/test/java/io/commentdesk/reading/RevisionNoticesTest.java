package io.commentdesk.reading;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Readers' revisions come from memory while the replica hears every change: another replica's
 * change arrives as a notice, and when the listening connection is lost the replica answers from
 * the database until it listens again, so a missed notice never leaves a stale page behind.
 */
@QuarkusTest
class RevisionNoticesTest {

    static final String JANE = Tokens.moderator("jane");

    @Inject
    Db db;

    /** What another replica's decision does to the database: bump the revision and announce it, in one transaction. */
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

    @Test
    void anotherReplicasChangeIsHeardWithinASecond() {
        String article = newArticle();
        approve(JANE, submit(article));
        String etag = etag(article);
        assertThat(revalidate(article, etag)).isEqualTo(304);

        bumpAsAnotherReplica(article);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> revalidate(article, etag) == 200);
        assertThat(etag(article)).isNotEqualTo(etag);
    }

    @Test
    void aChangeAnnouncedWhileTheListenerIsCutOffIsStillSeen() {
        String article = newArticle();
        approve(JANE, submit(article));
        String etag = etag(article);
        assertThat(revalidate(article, etag)).isEqualTo(304);

        // Cut the listener's connection (as a database restart or a network fault would), then change the
        // article while the notice has nobody to reach.
        long cut = db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'comment-desk revision notices'");
        assertThat(cut).isEqualTo(1);
        bumpAsAnotherReplica(article);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> revalidate(article, etag) == 200);
        // And it listens again: a later change is heard too.
        await().atMost(Duration.ofSeconds(5)).until(() -> db.count("SELECT count(*) FROM pg_stat_activity WHERE "
                + "datname = current_database() AND application_name = 'comment-desk revision notices'") == 1);
        String current = etag(article);
        bumpAsAnotherReplica(article);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> revalidate(article, current) == 200);
    }
}
