package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Only the audited reveal returns a reader's address, IP and user agent; decisions and edits never do. */
@QuarkusTest
class PersonalDataInAnswersTest {

    static final String JANE = Tokens.moderator("jane");

    @Inject
    Db db;

    private static void withoutPersonalData(ValidatableResponse answer) {
        String body = answer.extract().asString();
        assertThat(body).doesNotContain("ana.lima@example.com").doesNotContain("127.0.0.1")
                .doesNotContain("\"authorEmail\"").doesNotContain("\"ipAddress\"").doesNotContain("\"userAgent\"");
        answer.body("authorEmailMasked", equalTo("a***@example.com"));
    }

    private long reveals(long id) {
        return db.count("SELECT count(*) FROM audit_entry WHERE comment_id = ? AND action = 'REVEAL'", id);
    }

    @Test
    void decisionsAndEditsAnswerWithoutPersonalDataAndAuditNoReveal() {
        long id = submit(newArticle());

        withoutPersonalData(decide(JANE, id, 0, "APPROVE").statusCode(200));
        // Deciding what it already is, a RESTORE of a pending comment with If-Match: *, an edit that changes nothing.
        withoutPersonalData(decide(JANE, id, 1, "APPROVE").statusCode(200));
        long pending = submit(newArticle());
        withoutPersonalData(as(JANE).header("If-Match", "*").body(Map.of("action", "RESTORE"))
                .post("/api/v1/moderation/comments/" + pending + "/decision").then().statusCode(200));
        String text = db.row("SELECT content FROM comment WHERE id = ?", id).get("content").toString();
        withoutPersonalData(as(JANE).header("If-Match", "*").body(Map.of("content", text))
                .patch("/api/v1/moderation/comments/" + id).then().statusCode(200));
        withoutPersonalData(as(JANE).header("If-Match", "*").body(Map.of("content", "Edited."))
                .patch("/api/v1/moderation/comments/" + id).then().statusCode(200));
        assertThat(reveals(id)).isZero();
        assertThat(reveals(pending)).isZero();

        as(JANE).get("/api/v1/moderation/comments/" + id).then().statusCode(200)
                .body("authorEmail", equalTo("ana.lima@example.com"));
        assertThat(reveals(id)).isOne();
    }

    @Test
    void bulkDecisionsAnswerNoPersonalData() {
        long id = submit(newArticle());
        String body = as(JANE).body(Map.of("decisions", List.of(Map.of("id", id, "version", 0, "action", "SPAM"))))
                .post("/api/v1/moderation/decisions").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("example.com").doesNotContain("127.0.0.1");
    }
}
