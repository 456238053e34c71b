package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * NUL and other control characters in what moderators and admins type: a 400 naming the field, as
 * readers' fields get, and in a bulk call the one bad item alone fails.
 */
@QuarkusTest
class ControlCharactersTest {

    static final String JANE = Tokens.moderator("jane");
    static final String BOSS = Tokens.admin("boss");
    static final String NUL = "bad\u0000text";

    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static void refused(ValidatableResponse answer, String field) {
        answer.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:invalid-input"))
                .body("errors[0].field", equalTo(field)).body(not(containsString("Exception")));
    }

    @Test
    void decisionAndEditReasonsWithNulAreRefusedNamingReason() {
        long id = submit(newArticle());
        refused(as(JANE).header("If-Match", "\"0\"").body(Map.of("action", "APPROVE", "reason", NUL))
                .post("/api/v1/moderation/comments/" + id + "/decision").then(), "reason");
        refused(as(JANE).header("If-Match", "\"0\"").body(Map.of("action", "APPROVE", "reason", "bell\u0007"))
                .post("/api/v1/moderation/comments/" + id + "/decision").then(), "reason");
        refused(as(JANE).header("If-Match", "\"0\"").body(Map.of("content", "Fixed.", "reason", NUL))
                .patch("/api/v1/moderation/comments/" + id).then(), "reason");
        refused(as(JANE).header("If-Match", "\"0\"").body(Map.of("content", NUL))
                .patch("/api/v1/moderation/comments/" + id).then(), "content");
        // Tabs and line breaks are text.
        as(JANE).header("If-Match", "\"0\"").body(Map.of("action", "APPROVE", "reason", "On topic.\r\n\tCivil."))
                .post("/api/v1/moderation/comments/" + id + "/decision").then().statusCode(200);
    }

    @Test
    void aBulkItemWithNulFailsAloneAndTheOthersApply() {
        String article = newArticle();
        long good = submit(article);
        long bad = submit(article);
        long alsoGood = submit(article);
        as(JANE).body(Map.of("decisions", List.of(
                Map.of("id", good, "version", 0, "action", "REJECT", "reason", "ok"),
                Map.of("id", bad, "version", 0, "action", "REJECT", "reason", NUL),
                Map.of("id", alsoGood, "version", 0, "action", "REJECT"))))
                .post("/api/v1/moderation/decisions").then().statusCode(200)
                .body("results[0].outcome", equalTo("APPLIED"))
                .body("results[1].outcome", equalTo("INVALID"))
                .body("results[1].detail", containsString("control characters"))
                .body("results[2].outcome", equalTo("APPLIED"));
        assertThat(db.row("SELECT status FROM comment WHERE id = ?", bad)).containsEntry("status", "PENDING");
        assertThat(db.row("SELECT status FROM comment WHERE id = ?", alsoGood)).containsEntry("status", "REJECTED");
    }

    @Test
    void adminTextWithNulIsRefusedNamingTheField() {
        refused(as(BOSS).body(Map.of("ip", "203.0.113.99", "note", NUL)).post("/api/v1/admin/blocks").then(), "note");
        refused(as(BOSS).body(Map.of("title", NUL, "commentsOpen", true)).put("/api/v1/admin/articles/" + newArticle()).then(), "title");
    }

    @Test
    void queryFiltersWithNulAreRefusedNamingTheParameter() {
        refused(as(JANE).queryParam("actor", NUL).get("/api/v1/moderation/audit").then(), "actor");
        refused(as(JANE).queryParam("articleId", NUL).get("/api/v1/moderation/comments").then(), "articleId");
        refused(as(JANE).queryParam("articleId", NUL).get("/api/v1/moderation/stats").then(), "articleId");
    }
}
