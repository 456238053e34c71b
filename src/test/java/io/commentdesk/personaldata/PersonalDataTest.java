package io.commentdesk.personaldata;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Comments.version;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class PersonalDataTest {

    static final String BOSS = Tokens.admin("boss-pd");
    static final String JANE = Tokens.moderator("jane-pd");
    static final String EXPORTS = "/api/v1/admin/privacy/exports";
    static final String ERASURES = "/api/v1/admin/privacy/erasures";

    @Inject
    Db db;

    @Inject
    LookupHasher hasher;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String newEmail() {
        return "pd-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    static long post(String article, String email, String content, Long parentId, Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>();
        body.put("authorName", "Ana Lima");
        body.put("authorEmail", email);
        body.put("authorUrl", "https://ana.example.com/");
        body.put("content", content);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return given().urlEncodingEnabled(false).contentType("application/json").header("User-Agent", "PrivacyTest/1.0")
                .headers(headers).body(body).post(path(article)).then().statusCode(202).extract().jsonPath().getLong("id");
    }

    static long post(String article, String email, String content) {
        return post(article, email, content, null, Map.of());
    }

    static long approved(String article, String email, String content, Long parentId) {
        long id = post(article, email, content, parentId, Map.of());
        approve(JANE, id);
        return id;
    }

    static ExtractableResponse<Response> export(String email) {
        return as(BOSS).body(Map.of("email", email)).post(EXPORTS).then().statusCode(200).extract();
    }

    static int erase(String email, String mode) {
        return as(BOSS).body(Map.of("email", email, "mode", mode)).post(ERASURES).then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getInt("comments");
    }

    static String etag(String article) {
        return given().get(path(article)).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void exportsEveryCommentOfTheAddressInAnyStatusWithItsHistoryAndStandingAndNobodyElses() {
        String email = newEmail();
        String article = newArticle();
        long first = approved(article, email, "First", null);
        as(JANE).header("If-Match", "\"" + version(JANE, first) + "\"").body(Map.of("content", "First, edited"))
                .patch("/api/v1/moderation/comments/" + first).then().statusCode(200);
        long second = post(article, email, "Second");
        decide(JANE, second, version(JANE, second), "REJECT").statusCode(200);
        long third = post(newArticle(), email, "Third");
        long someoneElse = post(article, newEmail(), "Not hers");
        long block = as(BOSS).body(Map.of("email", email, "note", "asked to be blocked")).post("/api/v1/admin/blocks").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        try {
            ExtractableResponse<Response> answer = export("  " + email.toUpperCase() + " ");
            assertThat(answer.contentType()).startsWith("application/json");
            assertThat(answer.header("Content-Disposition")).startsWith("attachment; filename=\"commentdesk-export-").endsWith(".json\"")
                    .doesNotContain("pd-");
            JsonPath doc = answer.jsonPath();
            assertThat(doc.getString("format")).isEqualTo("commentdesk-personal-data/1");
            assertThat(doc.getString("email")).as("the address as asked, trimmed").isEqualTo(email.toUpperCase());
            assertThat(doc.getList("comments.id", Long.class)).containsExactly(first, second, third).doesNotContain(someoneElse);
            assertThat(doc.getLong("commentCount")).isEqualTo(3);
            Map<String, Object> one = doc.getMap("comments[0]");
            assertThat(one).containsEntry("articleId", article).containsEntry("status", "APPROVED").containsEntry("email", email)
                    .containsEntry("authorName", "Ana Lima").containsEntry("authorUrl", "https://ana.example.com/")
                    .containsEntry("content", "First, edited").containsEntry("ipAddress", "127.0.0.1")
                    .containsEntry("userAgent", "PrivacyTest/1.0").containsEntry("parentId", null)
                    .containsKeys("createdAt", "updatedAt");
            assertThat(doc.getList("comments[0].history.action", String.class)).containsExactly("REVEAL", "APPROVE", "REVEAL", "EDIT");
            assertThat(doc.getString("comments[0].history[1].actor")).isEqualTo("jane-pd");
            assertThat(doc.getString("comments[0].history[1].toStatus")).isEqualTo("APPROVED");
            assertThat(doc.getString("comments[0].history.find { it.action == 'EDIT' }.previousContent")).isEqualTo("First");
            assertThat(doc.getString("comments[1].status")).isEqualTo("REJECTED");
            assertThat(doc.getBoolean("blocklist.blocked")).isTrue();
            assertThat(doc.getString("blocklist.entries[0].note")).isEqualTo("asked to be blocked");
            assertThat(doc.getLong("trustedCommenter.approvedComments")).isEqualTo(1);
            assertThat(doc.getLong("trustedCommenter.spamComments")).isZero();
            assertThat(doc.getBoolean("trustedCommenter.trusted")).isFalse();

            Map<String, Object> audit = db.row("SELECT actor, detail, comment_id FROM audit_entry WHERE action = 'EXPORT' "
                    + "AND subject_hash = ?", hasher.emailHash(email));
            assertThat(audit).containsEntry("actor", "boss-pd").containsEntry("detail", "comments=3").containsEntry("comment_id", null);
            assertThat(db.count("SELECT count(*) FROM audit_entry WHERE detail LIKE ? OR reason LIKE ?", "%pd-%", "%pd-%")).isZero();
        } finally {
            as(BOSS).delete("/api/v1/admin/blocks/" + block).then().statusCode(204);
        }
    }

    @Test
    void anonymizingKeepsTheTextUnderTheConfiguredNameAndForgetsTheAddressEverywhere() {
        String email = newEmail();
        String hash = hasher.emailHash(email);
        String article = newArticle();
        String key = UUID.randomUUID().toString();
        long kept = post(article, email, "Kept words", null, Map.of("Idempotency-Key", key));
        approve(JANE, kept);
        as(JANE).header("If-Match", "\"" + version(JANE, kept) + "\"").body(Map.of("content", "Kept words, edited"))
                .patch("/api/v1/moderation/comments/" + kept).then().statusCode(200);
        long pending = post(newArticle(), email, "Still pending");
        db.update("INSERT INTO sender_gate (sender_key, last_at) VALUES (?, now()) ON CONFLICT DO NOTHING", hash);
        String before = etag(article);

        assertThat(erase(email.toUpperCase(), "ANONYMIZE")).isEqualTo(2);

        assertThat(etag(article)).isNotEqualTo(before);
        given().get(path(article)).then().statusCode(200).body("items[0].id", equalTo((int) kept))
                .body("items[0].authorName", equalTo("Anonymous")).body("items[0].authorUrl", equalTo(null))
                .body("items[0].content", equalTo("Kept words, edited"));
        for (long id : List.of(kept, pending)) {
            assertThat(db.row("SELECT author_name, author_url, email_sealed, email_hash, ip_sealed, ip_hash, user_agent_sealed, "
                    + "content_hash FROM comment WHERE id = ?", id)).containsEntry("author_name", "Anonymous")
                    .allSatisfy((column, value) -> assertThat(column.equals("author_name") || value == null).as(column).isTrue());
        }
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE comment_id = ? AND action = 'EDIT' AND detail IS NULL", kept))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM sender_gate WHERE sender_key = ?", hash)).isZero();
        assertThat(db.count("SELECT count(*) FROM idempotency_key WHERE comment_id = ?", kept)).isZero();
        assertThat(db.count("SELECT count(*) FROM comment WHERE email_hash = ?", hash)).isZero();
        as(JANE).get("/api/v1/moderation/comments/" + kept).then().statusCode(200).body("authorEmail", equalTo(null))
                .body("ipAddress", equalTo(null)).body("authorName", equalTo("Anonymous"));
        as(JANE).queryParam("articleId", article).queryParam("status", "APPROVED").get("/api/v1/moderation/comments").then()
                .statusCode(200).body("items[0].authorEmailMasked", equalTo(null));

        JsonPath after = export(email).jsonPath();
        assertThat(after.getList("comments")).isEmpty();
        assertThat(after.getLong("trustedCommenter.approvedComments")).isZero();
        // The key no longer replays the erased comment: the same request is a new comment.
        long again = post(article, email, "Kept words", null, Map.of("Idempotency-Key", key));
        assertThat(again).isNotEqualTo(kept);
        assertThat(erase(email, "ANONYMIZE")).isEqualTo(1);
        assertThat(erase(email, "ANONYMIZE")).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE action = 'ERASE' AND subject_hash = ? AND actor = 'boss-pd'", hash))
                .isEqualTo(3);
        assertThat(db.row("SELECT detail FROM audit_entry WHERE action = 'ERASE' AND subject_hash = ? ORDER BY id LIMIT 1", hash))
                .containsEntry("detail", "mode=ANONYMIZE comments=2");
    }

    @Test
    void deletingRemovesTheCommentsAndKeepsOthersRepliesReadableUnderARemovedParent() {
        String email = newEmail();
        String other = newEmail();
        String article = newArticle();
        long top = approved(article, other, "Top", null);
        long hers = approved(article, email, "Hers, a reply", top);
        long answer = approved(article, other, "An answer to her", hers);
        long hersAgain = approved(article, email, "Hers again", answer);
        long last = approved(article, other, "The last word", hersAgain);
        long hersTop = approved(article, email, "Hers, on top", null);
        long orphan = approved(article, other, "A reply to her top-level comment", hersTop);
        String before = etag(article);

        assertThat(erase(email, "DELETE")).isEqualTo(3);

        assertThat(etag(article)).isNotEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM comment WHERE id IN (?, ?, ?)", hers, hersAgain, hersTop)).isZero();
        JsonPath page = given().get(path(article)).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id", Long.class)).containsExactly(top, orphan);
        assertThat(page.getLong("total")).isEqualTo(4);
        assertThat(page.getBoolean("items[0].parentRemoved")).isFalse();
        assertThat(page.getLong("items[0].replies[0].id")).isEqualTo(answer);
        assertThat(page.getBoolean("items[0].replies[0].parentRemoved")).isTrue();
        assertThat(page.getLong("items[0].replies[0].parentId")).isEqualTo(top);
        assertThat(page.getLong("items[0].replies[0].replies[0].id")).isEqualTo(last);
        assertThat(page.getBoolean("items[0].replies[0].replies[0].parentRemoved")).isTrue();
        assertThat(page.getBoolean("items[1].parentRemoved")).isTrue();
        assertThat((Object) page.get("items[1].parentId")).isNull();
        given().queryParam("articleId", article).get("/api/v1/comment-counts").then().statusCode(200)
                .body("counts.'" + article + "'", equalTo(4));
        // The history of the deleted comments keeps who did what, detached from them; the moves are audited.
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE comment_id IN (?, ?, ?)", hers, hersAgain, hersTop)).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE action = 'REPARENT' AND actor = 'boss-pd' AND comment_id IN (?, ?, ?)",
                answer, last, orphan)).isEqualTo(3);
        assertThat(export(email).jsonPath().getList("comments")).isEmpty();
        assertThat(erase(email, "DELETE")).isZero();
    }

    @Test
    void erasingAnAddressNeverSeenChangesNothing() {
        assertThat(erase(newEmail(), "DELETE")).isZero();
        assertThat(erase(newEmail(), "ANONYMIZE")).isZero();
    }

    @Test
    void onlyAdminsMayExportOrErase() {
        Map<String, Object> body = Map.of("email", newEmail(), "mode", "DELETE");
        for (String path : List.of(EXPORTS, ERASURES)) {
            given().contentType("application/json").body(body).post(path).then().statusCode(401)
                    .contentType("application/problem+json").body("type", equalTo("urn:commentdesk:problem:unauthorized"));
            as(JANE).body(body).post(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:commentdesk:problem:forbidden"));
        }
    }

    @Test
    void refusesBadInputNamingTheFieldWithoutRepeatingIt() {
        String valid = newEmail();
        for (String path : List.of(EXPORTS, ERASURES)) {
            as(BOSS).body(Map.of("mode", "DELETE")).post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("email"));
            for (String bad : List.of("not-an-address", "someone@localhost", "", "x".repeat(95) + "@example.com")) {
                String problem = as(BOSS).body(Map.of("email", bad, "mode", "DELETE")).post(path).then().statusCode(400)
                        .body("type", equalTo("urn:commentdesk:problem:invalid-input")).body("errors[0].field", equalTo("email"))
                        .extract().asString();
                assertThat(problem).doesNotContain("not-an-address").doesNotContain("someone@").doesNotContain("xxxxx");
            }
        }
        as(BOSS).body(Map.of("email", valid)).post(ERASURES).then().statusCode(400).body("errors[0].field", equalTo("mode"));
        String problem = as(BOSS).body(Map.of("email", valid, "mode", "SHRED")).post(ERASURES).then().statusCode(400)
                .body("errors[0].field", equalTo("mode")).body("type", startsWith("urn:commentdesk:problem:")).extract().asString();
        assertThat(problem).doesNotContain(valid).doesNotContain("SHRED");
        as(BOSS).body("{\"email\": 7, \"mode\": \"DELETE\"}").post(ERASURES).then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
    }
}
