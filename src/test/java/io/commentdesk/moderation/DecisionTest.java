package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Comments.reply;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Comments.version;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class DecisionTest {

    static final String JANE = Tokens.moderator("jane");
    static final String OMAR = Tokens.moderator("omar");
    static final String BOSS = Tokens.admin("boss");

    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private long audits(long commentId, String action) {
        return db.count("SELECT count(*) FROM audit_entry WHERE comment_id = ? AND action = ?", commentId, action);
    }

    @Test
    void approvesWithIfMatchAndShowsTheCommentToReadersAtOnce() {
        String article = newArticle();
        long id = submit(article);
        given().get(path(article) + "/" + id).then().statusCode(404);
        decide(JANE, id, 0, "APPROVE").statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("APPROVED")).body("version", equalTo(1));
        given().get(path(article) + "/" + id).then().statusCode(200).body("id", equalTo((int) id));
        Map<String, Object> entry = db.row("SELECT * FROM audit_entry WHERE comment_id = ? AND action = 'APPROVE'", id);
        assertThat(entry).containsEntry("actor", "jane").containsEntry("from_status", "PENDING").containsEntry("to_status", "APPROVED");
    }

    @Test
    void requiresIfMatchAndRefusesAStaleVersion() {
        long id = submit(newArticle());
        as(JANE).body(Map.of("action", "REJECT")).post("/api/v1/moderation/comments/" + id + "/decision").then()
                .statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:precondition-required"));
        decide(JANE, id, 0, "REJECT").statusCode(200);
        decide(OMAR, id, 0, "SPAM").statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:precondition-failed"));
        as(JANE).header("If-Match", "nonsense").body(Map.of("action", "SPAM")).post("/api/v1/moderation/comments/" + id + "/decision")
                .then().statusCode(412);
        decide(JANE, 999_999_999L, 0, "SPAM").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void decidingTheSameThingTwiceIsIdempotentAndAuditedOnce() {
        long id = submit(newArticle());
        decide(JANE, id, 0, "SPAM").statusCode(200).body("version", equalTo(1));
        decide(JANE, id, 0, "SPAM").statusCode(200).body("status", equalTo("SPAM")).body("version", equalTo(1));
        assertThat(audits(id, "SPAM")).isEqualTo(1);
    }

    @Test
    void restoresADecidedCommentToTheQueue() {
        long id = submit(newArticle());
        decide(JANE, id, 0, "REJECT").statusCode(200);
        decide(JANE, id, 1, "RESTORE").statusCode(200).body("status", equalTo("PENDING"));
        assertThat(audits(id, "RESTORE")).isEqualTo(1);
    }

    @Test
    void refusesToApproveAReplyWhoseParentIsNotApproved() {
        String article = newArticle();
        long parent = submit(article);
        approve(JANE, parent);
        long child = reply(article, parent);
        decide(JANE, parent, version(JANE, parent), "RESTORE").statusCode(200);
        // The restore moved the pending reply up to top level, so approving it is fine now:
        assertThat(db.row("SELECT parent_id FROM comment WHERE id = ?", child).get("parent_id")).isNull();

        // A reply whose parent was put back in the queue by a direct database change stays refused.
        long grand = submit(article);
        approve(JANE, grand);
        long reply = reply(article, grand);
        db.update("UPDATE comment SET status = 'PENDING' WHERE id = ?", grand);
        decide(JANE, reply, version(JANE, reply), "APPROVE").statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("parent"));
    }

    @Test
    void movesApprovedRepliesUpWhenTheirParentIsRejected() {
        String article = newArticle();
        long top = submit(article);
        approve(JANE, top);
        long middle = reply(article, top);
        approve(JANE, middle);
        long leaf = reply(article, middle);
        approve(JANE, leaf);
        decide(JANE, middle, version(JANE, middle), "SPAM").statusCode(200);

        assertThat(db.row("SELECT parent_id, status FROM comment WHERE id = ?", leaf))
                .containsEntry("parent_id", top).containsEntry("status", "APPROVED");
        given().get(path(article) + "/" + leaf).then().statusCode(200).body("parentId", equalTo((int) top));
        assertThat(db.row("SELECT * FROM audit_entry WHERE comment_id = ? AND action = 'REPARENT'", leaf))
                .containsEntry("detail", "previous parent " + middle);

        decide(JANE, top, version(JANE, top), "REJECT").statusCode(200);
        assertThat(db.row("SELECT parent_id FROM comment WHERE id = ?", leaf).get("parent_id")).isNull();
    }

    @Test
    void capsTheReplyDepth() {
        String article = newArticle();
        long parent = submit(article);
        approve(JANE, parent);
        for (int depth = 2; depth <= 5; depth++) {
            parent = reply(article, parent);
            approve(JANE, parent);
        }
        postJson(article, with("parentId", parent)).statusCode(400)
                .body("errors[0].field", equalTo("parentId")).body("errors[0].message", containsString("5 levels"));
    }

    @Test
    void editsTheTextKeepingThePreviousInTheAudit() {
        long id = submit(newArticle(), "Call me on 555 0100");
        as(JANE).header("If-Match", "\"0\"").body(Map.of("content", " Call me on [removed] ", "reason", "phone number"))
                .patch("/api/v1/moderation/comments/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("content", equalTo("Call me on [removed]"));
        assertThat(db.row("SELECT * FROM audit_entry WHERE comment_id = ? AND action = 'EDIT'", id))
                .containsEntry("detail", "Call me on 555 0100").containsEntry("reason", "phone number").containsEntry("actor", "jane");
        as(JANE).header("If-Match", "\"0\"").body(Map.of("content", "again")).patch("/api/v1/moderation/comments/" + id).then()
                .statusCode(412);
        as(JANE).body(Map.of("content", "again")).patch("/api/v1/moderation/comments/" + id).then().statusCode(428);
        as(JANE).header("If-Match", "\"1\"").body(Map.of("content", " ")).patch("/api/v1/moderation/comments/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("content"));
    }

    @Test
    void appliesBulkDecisionsEachOnItsOwn() {
        String article = newArticle();
        long a = submit(article);
        long b = submit(article);
        long c = submit(article);
        decide(JANE, c, 0, "REJECT").statusCode(200);
        var results = as(JANE).body(Map.of("decisions", List.of(
                Map.of("id", a, "version", 0, "action", "APPROVE"),
                Map.of("id", b, "version", 0, "action", "SPAM", "reason", "link farm"),
                Map.of("id", c, "version", 0, "action", "APPROVE"),
                Map.of("id", c, "version", 1, "action", "REJECT"),
                Map.of("id", 999_999_999L, "version", 0, "action", "APPROVE"))))
                .post("/api/v1/moderation/decisions").then().statusCode(200).extract().jsonPath();
        assertThat(results.getList("results.outcome")).containsExactly("APPLIED", "APPLIED", "CONFLICT", "UNCHANGED", "NOT_FOUND");
        assertThat(results.getList("results.status")).containsExactly("APPROVED", "SPAM", null, "REJECTED", null);
        assertThat(db.row("SELECT reason FROM audit_entry WHERE comment_id = ? AND action = 'SPAM'", b)).containsEntry("reason", "link farm");

        as(JANE).body(Map.of("decisions", List.of())).post("/api/v1/moderation/decisions").then().statusCode(400);
        var tooMany = java.util.stream.LongStream.range(0, 101).mapToObj(i -> Map.of("id", i, "version", 0, "action", "SPAM")).toList();
        as(JANE).body(Map.of("decisions", tooMany)).post("/api/v1/moderation/decisions").then().statusCode(400)
                .contentType("application/problem+json");
        as(JANE).body(Map.of("decisions", List.of(Map.of("id", a, "action", "NUKE", "version", 0))))
                .post("/api/v1/moderation/decisions").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refusesToDecideACommentClaimedByAnotherModeratorUnlessAdmin() {
        String article = newArticle();
        long id = submit(article);
        db.update("UPDATE comment SET lease_owner = 'omar', lease_expires_at = CURRENT_TIMESTAMP + INTERVAL '5' MINUTE WHERE id = ?", id);
        decide(JANE, id, 0, "APPROVE").statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:conflict"));
        decide(OMAR, id, 0, "APPROVE").statusCode(200);
        long other = submit(article);
        db.update("UPDATE comment SET lease_owner = 'omar', lease_expires_at = CURRENT_TIMESTAMP + INTERVAL '5' MINUTE WHERE id = ?", other);
        decide(BOSS, other, 0, "SPAM").statusCode(200);
        assertThat(db.row("SELECT actor FROM audit_entry WHERE comment_id = ? AND action = 'SPAM'", other)).containsEntry("actor", "boss");
    }
}
