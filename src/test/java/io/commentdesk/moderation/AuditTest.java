package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuditTest {

    static final String JANE = Tokens.moderator("jane-audit");

    private static JsonPath audit(Map<String, Object> query) {
        return as(JANE).queryParams(query).get("/api/v1/moderation/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void recordsWhoLookedAtWhoseAddress() {
        long id = submit(newArticle());
        as(JANE).get("/api/v1/moderation/comments/" + id).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("authorEmail", equalTo("ana.lima@example.com"))
                .body("ipAddress", equalTo("127.0.0.1"));
        JsonPath entries = audit(Map.of("commentId", id));
        assertThat(entries.getList("items.action")).containsExactly("REVEAL");
        assertThat(entries.getString("items[0].actor")).isEqualTo("jane-audit");
        assertThat(entries.getString("items[0].detail")).contains("email");
    }

    @Test
    void recordsEachActionNewestFirstAndFiltersByActor() {
        long id = submit(newArticle());
        decide(JANE, id, 0, "APPROVE").statusCode(200);
        decide(JANE, id, 1, "REJECT").statusCode(200);
        decide(JANE, id, 2, "RESTORE").statusCode(200);
        as(JANE).header("If-Match", "\"3\"").body(Map.of("content", "edited")).patch("/api/v1/moderation/comments/" + id).then()
                .statusCode(200);
        JsonPath entries = audit(Map.of("commentId", id));
        assertThat(entries.getList("items.action")).containsExactly("EDIT", "RESTORE", "REJECT", "APPROVE");
        assertThat(entries.getList("items.fromStatus")).containsExactly("PENDING", "REJECTED", "APPROVED", "PENDING");
        assertThat(entries.getList("items.toStatus")).containsExactly("PENDING", "PENDING", "REJECTED", "APPROVED");
        assertThat(audit(Map.of("actor", "jane-audit", "limit", 100)).getList("items.commentId", Long.class)).contains(id);
        assertThat(audit(Map.of("actor", "nobody")).getList("items")).isEmpty();
    }

    @Test
    void pagesThroughTheAudit() {
        long id = submit(newArticle());
        long version = 0;
        for (String action : new String[] { "APPROVE", "REJECT", "SPAM", "RESTORE", "APPROVE" }) {
            decide(JANE, id, version++, action).statusCode(200);
        }
        List<Object> actions = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("commentId", id, "limit", 2));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = audit(query);
            actions.addAll(page.getList("items.action"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(actions).containsExactly("APPROVE", "RESTORE", "SPAM", "REJECT", "APPROVE");
    }

    @Test
    void offersNoWayToChangeOrDeleteEntries() {
        as(JANE).delete("/api/v1/moderation/audit").then().statusCode(405);
        as(JANE).body("{}").put("/api/v1/moderation/audit").then().statusCode(405);
    }
}
