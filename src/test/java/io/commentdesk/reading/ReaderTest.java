package io.commentdesk.reading;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.approved;
import static io.commentdesk.support.Comments.decide;
import static io.commentdesk.support.Comments.reply;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Comments.version;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.privacy.PreviewTokens;
import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReaderTest {

    static final String JANE = Tokens.moderator("jane");

    @Inject
    Db db;

    @Inject
    PreviewTokens previews;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static JsonPath list(String article, Map<String, Object> query) {
        return given().queryParams(query).get(path(article)).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsOnlyApprovedCommentsOldestFirstByDefaultAndNewestOnRequest() {
        String article = newArticle();
        long a = approved(JANE, article);
        long pending = submit(article);
        long b = approved(JANE, article);
        JsonPath oldest = list(article, Map.of());
        assertThat(oldest.getList("items.id", Long.class)).containsExactly(a, b).doesNotContain(pending);
        assertThat(oldest.getLong("total")).isEqualTo(2);
        assertThat(list(article, Map.of("order", "newest")).getList("items.id", Long.class)).containsExactly(b, a);
        Map<String, Object> item = oldest.getMap("items[0]");
        assertThat(item).containsKeys("id", "parentId", "authorName", "authorUrl", "createdAt", "content", "contentHtml",
                "avatarSeed", "replies").doesNotContainKeys("authorEmail", "email", "ipAddress", "userAgent", "authorEmailMasked");
        assertThat(oldest.prettify()).doesNotContain("ana.lima@example.com").doesNotContain("127.0.0.1");
        given().queryParam("order", "sideways").get(path(article)).then().statusCode(400).body("errors[0].field", equalTo("order"));
        given().queryParam("limit", 101).get(path(article)).then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void pagesWithoutDuplicatesOrSkipsWhileNewApprovalsArrive() {
        String article = newArticle();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(approved(JANE, article));
        }
        Set<Long> seen = new LinkedHashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("limit", 2));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = list(article, query);
            for (Long id : page.getList("items.id", Long.class)) {
                assertThat(seen.add(id)).as("seen twice: %d", id).isTrue();
            }
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                expected.add(approved(JANE, article));
            }
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).isGreaterThan(2);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void nestsApprovedRepliesUnderTheirTopLevelComment() {
        String article = newArticle();
        long top = approved(JANE, article);
        long r1 = reply(article, top);
        approve(JANE, r1);
        long r2 = reply(article, r1);
        approve(JANE, r2);
        long pendingReply = reply(article, top);
        JsonPath page = list(article, Map.of());
        assertThat(page.getList("items.id", Long.class)).containsExactly(top);
        assertThat(page.getList("items[0].replies.id", Long.class)).containsExactly(r1).doesNotContain(pendingReply);
        assertThat(page.getList("items[0].replies[0].replies.id", Long.class)).containsExactly(r2);
        assertThat(page.getLong("items[0].replies[0].parentId")).isEqualTo(top);
        assertThat(page.getLong("total")).isEqualTo(3);
    }

    @Test
    void givesOneCommenterOneAvatarSeedThatIsNotTheirEmailHash() {
        String article = newArticle();
        approved(JANE, article);
        approved(JANE, article);
        long other = postJson(article, with("authorEmail", "someone.else@example.com")).statusCode(202).extract().jsonPath().getLong("id");
        approve(JANE, other);
        List<String> seeds = list(article, Map.of()).getList("items.avatarSeed");
        assertThat(seeds.get(0)).isEqualTo(seeds.get(1)).isNotEqualTo(seeds.get(2)).hasSize(32);
        String hash = (String) db.row("SELECT email_hash FROM comment WHERE id = ?", other).get("email_hash");
        assertThat(hash).doesNotContain(seeds.get(2));
    }

    @Test
    void countsApprovedCommentsOfManyArticles() {
        String a = newArticle();
        String b = newArticle();
        approved(JANE, a);
        approved(JANE, a);
        submit(a);
        approved(JANE, b);
        JsonPath counts = given().queryParam("articleId", a, b, "never-commented").get("/api/v1/comment-counts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(counts.getMap("counts")).containsExactly(Map.entry(a, 2), Map.entry(b, 1), Map.entry("never-commented", 0));
        given().get("/api/v1/comment-counts").then().statusCode(400).body("errors[0].field", equalTo("articleId"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("a" + i);
        }
        given().queryParam("articleId", many.toArray()).get("/api/v1/comment-counts").then().statusCode(400);
    }

    @Test
    void showsAPendingCommentOnlyToTheHolderOfItsValidPreviewToken() {
        String article = newArticle();
        var answer = postJson(article, io.commentdesk.support.Submissions.valid()).statusCode(202).extract().jsonPath();
        long id = answer.getLong("id");
        String token = answer.getString("previewToken");
        given().get(path(article) + "/" + id).then().statusCode(404);
        given().queryParam("preview", token).get(path(article) + "/" + id).then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("status", equalTo("PENDING")).body("id", equalTo((int) id));

        long other = submit(article);
        given().queryParam("preview", token).get(path(article) + "/" + other).then().statusCode(404);
        given().queryParam("preview", previews.issue(id, Instant.now().minusSeconds(1))).get(path(article) + "/" + id).then()
                .statusCode(404);
        given().queryParam("preview", token.substring(0, token.length() - 2) + "xx").get(path(article) + "/" + id).then()
                .statusCode(404);
        given().queryParam("preview", token).get(path(newArticle()) + "/" + id).then().statusCode(404);
        assertThat(list(article, Map.of()).getList("items")).isEmpty();
    }

    @Test
    void answersRevalidationsWith304AndChangesTheEtagAtOnceAfterADecision() {
        String article = newArticle();
        long first = approved(JANE, article);
        var response = given().get(path(article)).then().statusCode(200).extract();
        String etag = response.header("ETag");
        assertThat(etag).matches("\"\\d+-[0-9a-f]+\"");
        assertThat(response.header("Cache-Control")).contains("max-age=").contains("stale-while-revalidate=").contains("public");
        given().header("If-None-Match", etag).get(path(article)).then().statusCode(304).body(emptyString())
                .header("ETag", etag);

        long second = submit(article);
        given().header("If-None-Match", etag).get(path(article)).then().statusCode(304); // a pending comment changes nothing
        approve(JANE, second);
        String afterApproval = given().header("If-None-Match", etag).get(path(article)).then().statusCode(200).extract().header("ETag");
        assertThat(afterApproval).isNotEqualTo(etag);

        as(JANE).header("If-Match", "\"" + version(JANE, first) + "\"").body(Map.of("content", "edited"))
                .patch("/api/v1/moderation/comments/" + first).then().statusCode(200);
        var afterEdit = given().header("If-None-Match", afterApproval).get(path(article)).then().statusCode(200).extract();
        assertThat(afterEdit.jsonPath().getString("items[0].content")).isEqualTo("edited");

        decide(JANE, second, version(JANE, second), "REJECT").statusCode(200);
        assertThat(given().get(path(article)).then().extract().jsonPath().getList("items.id", Long.class)).containsExactly(first);

        String countsTag = given().queryParam("articleId", article).get("/api/v1/comment-counts").then().statusCode(200)
                .extract().header("ETag");
        given().queryParam("articleId", article).header("If-None-Match", countsTag).get("/api/v1/comment-counts").then().statusCode(304);
        approve(JANE, submit(article));
        given().queryParam("articleId", article).header("If-None-Match", countsTag).get("/api/v1/comment-counts").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return Tokens.as(token);
    }
}
