package io.commentdesk.moderation;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Claims on a queue of its own: this profile starts the application on an emptied database. */
@QuarkusTest
@TestProfile(ClaimTest.OwnQueue.class)
class ClaimTest {

    /** A fresh start (and so a fresh schema), so the queue holds only this test's comments. */
    public static class OwnQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.moderation.claim-duration", "5m");
        }
    }

    static final String JANE = Tokens.moderator("jane");
    static final String OMAR = Tokens.moderator("omar");

    @Inject
    Db db;

    private static JsonPath claim(String token, int limit) {
        return as(token).body(Map.of("limit", limit)).post("/api/v1/moderation/claims").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void leasesTheOldestPendingCommentsToOneModeratorAtATime() {
        db.update("UPDATE comment SET status = 'REJECTED' WHERE status = 'PENDING'");
        String article = newArticle();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(article));
        }
        JsonPath jane = claim(JANE, 3);
        assertThat(jane.getList("items.id", Long.class)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(jane.getList("items.claimedBy")).containsOnly("jane");
        assertThat(jane.getString("expiresAt")).isNotNull();
        assertThat(jane.getList("items.version", Long.class)).containsOnly(0L); // a claim is not a change

        JsonPath omar = claim(OMAR, 3);
        assertThat(omar.getList("items.id", Long.class)).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(claim(OMAR, 3).getList("items.id", Long.class)).containsExactlyElementsOf(ids.subList(3, 5)); // renewed
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE action = 'CLAIM' AND actor = 'jane' AND comment_id >= ?", ids.get(0))).isEqualTo(3);

        // Jane's claims hold against Omar...
        as(OMAR).header("If-Match", "\"0\"").body(Map.of("action", "APPROVE"))
                .post("/api/v1/moderation/comments/" + ids.get(0) + "/decision").then().statusCode(409);
        // ...until she releases them.
        as(JANE).delete("/api/v1/moderation/claims").then().statusCode(200).body("released", equalTo(3));
        assertThat(db.count("SELECT count(*) FROM audit_entry WHERE action = 'RELEASE' AND actor = 'jane' AND comment_id >= ?", ids.get(0))).isEqualTo(3);
        assertThat(claim(OMAR, 10).getList("items.id", Long.class)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void returnsExpiredClaimsToThePool() {
        db.update("UPDATE comment SET status = 'REJECTED' WHERE status = 'PENDING'");
        long id = submit(newArticle());
        assertThat(claim(JANE, 1).getList("items.id", Long.class)).containsExactly(id);
        assertThat(claim(OMAR, 1).getList("items")).isEmpty();
        db.update("UPDATE comment SET lease_expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE id = ?", id);
        assertThat(claim(OMAR, 1).getList("items.id", Long.class)).containsExactly(id);
    }

    @Test
    void refusesALimitOutOfRange() {
        for (int limit : new int[] { 0, 101 }) {
            as(JANE).body(Map.of("limit", limit)).post("/api/v1/moderation/claims").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
    }
    @Test
    void claimsOnlyTheArticleAsked() {
        String mine = newArticle();
        String other = newArticle();
        long elsewhere = submit(other);
        long first = submit(mine);
        long second = submit(mine);
        JsonPath claimed = as(JANE).body(Map.of("limit", 10, "articleId", mine)).post("/api/v1/moderation/claims").then()
                .statusCode(200).extract().jsonPath();
        assertThat(claimed.getList("items.id", Long.class)).containsExactly(first, second);
        assertThat(claimed.getList("items.articleId")).containsOnly(mine);
        assertThat(db.row("SELECT lease_owner FROM comment WHERE id = ?", elsewhere).get("lease_owner")).isNull();
        // Another moderator asking for the same article finds nothing left; for any article, the other one.
        assertThat(as(OMAR).body(Map.of("limit", 10, "articleId", mine)).post("/api/v1/moderation/claims").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        as(JANE).delete("/api/v1/moderation/claims").then().statusCode(200).body("released", equalTo(2));
        as(JANE).body("{\"limit\": 1, \"articleId\": null}").post("/api/v1/moderation/claims").then().statusCode(200);
        as(JANE).delete("/api/v1/moderation/claims").then().statusCode(200);
    }

    @Test
    void refusesAnArticleIdThatIsNoArticleId() {
        for (String bad : new String[] { "", " ", "news 1", "news\u0000", "x".repeat(201), "<script>" }) {
            as(JANE).body(Map.of("limit", 1, "articleId", bad)).post("/api/v1/moderation/claims").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("articleId"));
        }
    }
}
