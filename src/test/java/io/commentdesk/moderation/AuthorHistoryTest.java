package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** What a comment's author did before, found through the address's keyed hash and never showing it. */
@QuarkusTest
class AuthorHistoryTest {

    static final String JANE = Tokens.moderator("jane");
    static final String BOSS = Tokens.admin("boss");

    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String newAddress() {
        return "hist-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private static long post(String article, String email, String content) {
        Map<String, Object> body = with("authorEmail", email);
        body.put("content", content);
        return postJson(article, body).statusCode(202).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse history(String token, long id) {
        return as(token).get("/api/v1/moderation/comments/" + id + "/author").then();
    }

    @Test
    void countsTheAuthorsCommentsAndShowsTheirLatestOthersWithoutTheAddress() {
        String email = newAddress();
        String article = newArticle();
        String other = newArticle();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String content = i == 5 ? "🙂🙂🙂" + "y".repeat(200) : "Comment number " + i;
            ids.add(post(i % 2 == 0 ? article : other, i == 3 ? email.toUpperCase() : email, content));
        }
        post(article, "someone-else@example.com", "Not by the same author.");
        decide(JANE, ids.get(0), 0, "APPROVE").statusCode(200);
        decide(JANE, ids.get(1), 0, "REJECT").statusCode(200);
        decide(JANE, ids.get(2), 0, "SPAM").statusCode(200);
        decide(JANE, ids.get(3), 0, "APPROVE").statusCode(200);
        long current = ids.get(6);
        long audited = db.count("SELECT count(*) FROM audit_entry WHERE comment_id = ?", current);

        String body = history(JANE, current).statusCode(200).contentType("application/json").extract().asString();
        JsonPath history = JsonPath.from(body);
        assertThat(history.getBoolean("known")).isTrue();
        assertThat(history.getMap("counts")).isEqualTo(Map.of("PENDING", 3, "APPROVED", 2, "REJECTED", 1, "SPAM", 1));
        assertThat(history.getList("recent.id", Long.class)).as("the 5 latest others, newest first")
                .containsExactly(ids.get(5), ids.get(4), ids.get(3), ids.get(2), ids.get(1));
        assertThat(history.getMap("recent[0]")).containsOnlyKeys("id", "articleId", "status", "createdAt", "excerpt")
                .containsEntry("articleId", other).containsEntry("status", "PENDING");
        assertThat(history.getString("recent[0].excerpt")).as("the first 140 characters, an emoji counting once")
                .isEqualTo("🙂🙂🙂" + "y".repeat(137));
        assertThat(history.getString("recent[1].excerpt")).isEqualTo("Comment number 4");
        assertThat(history.getString("recent[2].status")).isEqualTo("APPROVED");

        String hash = (String) db.row("SELECT email_hash FROM comment WHERE id = ?", current).get("email_hash");
        assertThat(body).doesNotContainIgnoringCase(email).doesNotContainIgnoringCase(email.substring(0, email.indexOf('@')))
                .doesNotContain(hash).doesNotContain(hash.substring(0, 16));
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE comment_id = ?", current)).as("not audited").isEqualTo(audited);

        // From an older comment: the same counts, the latest five others (now including the newest).
        assertThat(history(Tokens.admin("boss"), ids.get(0)).statusCode(200).extract().jsonPath().getList("recent.id", Long.class))
                .containsExactly(ids.get(6), ids.get(5), ids.get(4), ids.get(3), ids.get(2));
    }

    @Test
    void aFirstCommentHasNoOthers() {
        long id = post(newArticle(), newAddress(), "My very first comment.");
        history(JANE, id).statusCode(200).body("known", equalTo(true)).body("counts.PENDING", equalTo(1))
                .body("counts.APPROVED", equalTo(0)).body("counts.REJECTED", equalTo(0)).body("counts.SPAM", equalTo(0))
                .body("recent.size()", equalTo(0));
    }

    @Test
    void knowsNothingOfAnAnonymisedComment() {
        String email = newAddress();
        String article = newArticle();
        post(article, email, "Before the erasure.");
        long id = post(article, email, "Also before the erasure.");
        as(BOSS).body(Map.of("email", email, "mode", "ANONYMIZE")).post("/api/v1/admin/privacy/erasures").then().statusCode(200)
                .body("comments", equalTo(2));
        String body = history(JANE, id).statusCode(200).extract().asString();
        JsonPath history = JsonPath.from(body);
        assertThat(history.getBoolean("known")).isFalse();
        assertThat(history.getMap("counts")).isEqualTo(Map.of("PENDING", 0, "APPROVED", 0, "REJECTED", 0, "SPAM", 0));
        assertThat(history.getList("recent")).isEmpty();
    }

    @Test
    void answersNotFoundForAnUnknownComment() {
        history(JANE, 987_654_321_987L).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:not-found"));
    }
}
