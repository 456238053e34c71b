package io.commentdesk.rules;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Admin settings drive the content rules and trusted commenters. Runs on a schema of its own. */
@QuarkusTest
@TestProfile(RuleSettingsTest.OwnSettings.class)
class RuleSettingsTest {

    /** A fresh start: settings changed here touch no other test. */
    public static class OwnSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.rules.honeypot.field", "website2");
        }
    }

    static final String BOSS = Tokens.admin("boss");
    static final String JANE = Tokens.moderator("jane");

    @Inject
    Db db;

    private static String etag() {
        return as(BOSS).get("/api/v1/admin/settings").then().statusCode(200).extract().header("ETag");
    }

    private static void put(Map<String, Object> settings) {
        as(BOSS).header("If-Match", etag()).body(settings).put("/api/v1/admin/settings").then().statusCode(200);
    }

    static Map<String, Object> settings(List<String> disallowed, List<String> hold, int maxLinks, boolean trusted) {
        return Map.of("disallowedTerms", disallowed, "holdTerms", hold, "maxLinks", maxLinks,
                "trusted", Map.of("enabled", trusted, "minApproved", 1));
    }

    @AfterEach
    void restoreDefaults() {
        put(settings(List.of(), List.of(), 2, false));
    }

    @Test
    void versionsTheSettingsLikeComments() {
        String etag = etag();
        as(BOSS).body(settings(List.of(), List.of(), 2, false)).put("/api/v1/admin/settings").then().statusCode(428);
        as(BOSS).header("If-Match", etag).body(settings(List.of(), List.of(), 3, false)).put("/api/v1/admin/settings").then()
                .statusCode(200).body("maxLinks", equalTo(3));
        as(BOSS).header("If-Match", etag).body(settings(List.of(), List.of(), 4, false)).put("/api/v1/admin/settings").then()
                .statusCode(412);
        as(BOSS).header("If-Match", etag()).body(settings(List.of(), List.of(), -1, false)).put("/api/v1/admin/settings").then()
                .statusCode(400).body("errors[0].field", equalTo("maxLinks"));
        as(JANE).get("/api/v1/admin/settings").then().statusCode(403);
    }

    @Test
    void sendsDisallowedTermsToSpamAndHoldsTheRestWithReasons() {
        put(settings(List.of("casino"), List.of("lawsuit"), 2, false));
        String article = newArticle();
        long spam = postJson(article, with("content", "Best ＣＡＳＩＮＯ bonus")).statusCode(202)
                .body("status", equalTo("PENDING")).extract().jsonPath().getLong("id");
        long held = postJson(article, with("content", "There will be a lawsuit. https://a.example https://b.example https://c.example"))
                .statusCode(202).extract().jsonPath().getLong("id");
        long clean = postJson(article, with("content", "Fine words only")).statusCode(202).extract().jsonPath().getLong("id");

        assertThat(db.row("SELECT status, hold_reasons FROM comment WHERE id = ?", spam))
                .containsEntry("status", "SPAM").containsEntry("hold_reasons", "disallowed: casino");
        var queue = as(JANE).queryParam("articleId", article).get("/api/v1/moderation/comments").then().statusCode(200)
                .extract().jsonPath();
        assertThat(queue.getList("items.id", Long.class)).containsExactly(held, clean);
        assertThat(queue.getList("items[0].reasons")).containsExactly("hold: lawsuit", "links");
        assertThat(queue.getList("items[1].reasons")).isEmpty();
        var audit = as(JANE).queryParam("commentId", held).get("/api/v1/moderation/audit").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.actor")).containsExactly("rules");
        assertThat(audit.getString("items[0].reason")).isEqualTo("hold: lawsuit, links");
        assertThat(db.row("SELECT actor, to_status, reason FROM audit_entry WHERE comment_id = ?", spam))
                .containsEntry("actor", "rules").containsEntry("to_status", "SPAM").containsEntry("reason", "disallowed: casino");
    }

    @Test
    void approvesTrustedCommentersAtOnceWhenSwitchedOn() {
        String article = newArticle();
        String email = "regular@example.com";
        long first = postJson(article, with("authorEmail", email)).statusCode(202).extract().jsonPath().getLong("id");
        approve(JANE, first);
        assertThat(db.row("SELECT status FROM comment WHERE id = ?",
                postJson(article, Map.of("authorName", "R", "authorEmail", email, "content", "second")).statusCode(202)
                        .extract().jsonPath().getLong("id"))).containsEntry("status", "PENDING"); // off by default

        put(settings(List.of(), List.of(), 2, true));
        long third = postJson(article, Map.of("authorName", "R", "authorEmail", email, "content", "third")).statusCode(202)
                .extract().jsonPath().getLong("id");
        assertThat(db.row("SELECT status FROM comment WHERE id = ?", third)).containsEntry("status", "APPROVED");
        assertThat(db.row("SELECT actor, reason FROM audit_entry WHERE comment_id = ?", third))
                .containsEntry("actor", "rules").containsEntry("reason", "trusted");
        long stranger = postJson(article, Map.of("authorName", "S", "authorEmail", "new@example.com", "content", "hi")).statusCode(202)
                .extract().jsonPath().getLong("id");
        assertThat(db.row("SELECT status FROM comment WHERE id = ?", stranger)).containsEntry("status", "PENDING");
    }
}
