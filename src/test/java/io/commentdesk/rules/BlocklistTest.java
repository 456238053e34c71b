package io.commentdesk.rules;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.with;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BlocklistTest {

    static final String BOSS = Tokens.admin("boss");

    private static long block(Map<String, Object> body) {
        return as(BOSS).body(body).post("/api/v1/admin/blocks").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void unblock(long id) {
        as(BOSS).delete("/api/v1/admin/blocks/" + id).then().statusCode(204);
    }

    @Test
    void refusesABlockedEmailWithoutSayingWhichEntryMatched() {
        long id = block(Map.of("email", " Blocked.Person@Example.com ", "note", "link spam"));
        var problem = postJson(newArticle(), with("authorEmail", "blocked.person@example.com")).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:commentdesk:problem:blocked"))
                .extract().asString();
        assertThat(problem).doesNotContain("blocked.person").doesNotContain("link spam").doesNotContain("email");
        postJson(newArticle(), valid()).statusCode(202);
        as(BOSS).get("/api/v1/admin/blocks").then().statusCode(200)
                .body("find { it.id == " + id + " }.kind", equalTo("EMAIL"))
                .body("find { it.id == " + id + " }.ip", nullValue());
        unblock(id);
        postJson(newArticle(), with("authorEmail", "blocked.person@example.com")).statusCode(202);
    }

    @Test
    void refusesAnAddressInABlockedRangeUntilTheEntryIsRemoved() {
        long id = block(Map.of("ip", "127.0.0.0/8"));
        try {
            postJson(newArticle(), valid()).statusCode(403);
        } finally {
            unblock(id);
        }
        postJson(newArticle(), valid()).statusCode(202);
    }

    @Test
    void ignoresExpiredEntries() {
        long id = block(Map.of("ip", "127.0.0.1", "expiresAt", Instant.now().minusSeconds(60).toString()));
        try {
            postJson(newArticle(), valid()).statusCode(202);
        } finally {
            unblock(id);
        }
    }

    @Test
    void validatesEntries() {
        as(BOSS).body(Map.of("ip", "not-an-address")).post("/api/v1/admin/blocks").then().statusCode(400)
                .body("errors[0].field", equalTo("ip"));
        as(BOSS).body(Map.of("ip", "10.0.0.1", "email", "a@example.com")).post("/api/v1/admin/blocks").then().statusCode(400);
        as(BOSS).body(Map.of()).post("/api/v1/admin/blocks").then().statusCode(400);
        as(BOSS).delete("/api/v1/admin/blocks/999999").then().statusCode(404);
        as(Tokens.moderator("jane")).get("/api/v1/admin/blocks").then().statusCode(403);
    }
}
