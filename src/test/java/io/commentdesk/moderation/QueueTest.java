package io.commentdesk.moderation;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Comments;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class QueueTest {

    static final String JANE = Tokens.moderator("jane");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static JsonPath page(String article, String status, int limit, String cursor) {
        var spec = as(JANE).queryParam("articleId", article).queryParam("status", status).queryParam("limit", limit);
        if (cursor != null) {
            spec.queryParam("cursor", cursor);
        }
        return spec.get("/api/v1/moderation/comments").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsPendingCommentsOldestFirstWithTheEmailMasked() {
        String article = newArticle();
        long first = submit(article, "first");
        long second = submit(article, "second");
        JsonPath page = page(article, "PENDING", 10, null);
        assertThat(page.getList("items.id", Long.class)).containsExactly(first, second);
        Map<String, Object> item = page.getMap("items[0]");
        assertThat(item).containsEntry("articleId", article).containsEntry("status", "PENDING")
                .containsEntry("authorName", "Ana Lima").containsEntry("authorEmailMasked", "a***@example.com")
                .containsEntry("content", "first").containsEntry("version", 0).containsEntry("reasons", List.of())
                .containsKeys("parentId", "authorUrl", "createdAt", "claimedBy");
        assertThat(item.toString()).doesNotContain("ana.lima@");
        assertThat(page.getString("nextCursor")).isNull();
    }

    @Test
    void pagesThroughTheQueueWithoutRepeatingOrSkippingWhileCommentsArrive() {
        String article = newArticle();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(submit(article));
        }
        Set<Long> seen = new LinkedHashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = page(article, "PENDING", 3, cursor);
            List<Long> ids = page.getList("items.id", Long.class);
            for (Long id : ids) {
                assertThat(seen.add(id)).as("comment %d seen twice", id).isTrue();
            }
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                // New comments keep arriving while the moderator pages; FIFO shows them on later pages.
                expected.add(submit(article));
            }
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).isGreaterThan(2);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void listsDecidedCommentsNewestFirst() {
        String article = newArticle();
        long older = submit(article);
        long newer = submit(article);
        approve(JANE, older);
        approve(JANE, newer);
        assertThat(page(article, "APPROVED", 1, null).getList("items.id", Long.class)).containsExactly(newer);
        String cursor = page(article, "APPROVED", 1, null).getString("nextCursor");
        assertThat(page(article, "APPROVED", 1, cursor).getList("items.id", Long.class)).containsExactly(older);
    }

    @Test
    void refusesAnUnknownStatusALimitOutOfRangeAndAForeignCursor() {
        String article = newArticle();
        submit(article);
        submit(article);
        as(JANE).queryParam("status", "LOST").get("/api/v1/moderation/comments").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        for (int limit : new int[] { 0, 101 }) {
            as(JANE).queryParam("limit", limit).get("/api/v1/moderation/comments").then().statusCode(400)
                    .body("errors[0].field", equalTo("limit"));
        }
        String cursor = page(article, "PENDING", 1, null).getString("nextCursor");
        as(JANE).queryParam("status", "SPAM").queryParam("cursor", cursor).get("/api/v1/moderation/comments").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(JANE).queryParam("cursor", "garbage!").get("/api/v1/moderation/comments").then().statusCode(400);
    }

    @Test
    void countsTheQueueOverallAndPerArticle() {
        String article = newArticle();
        submit(article);
        approve(JANE, submit(article));
        JsonPath stats = as(JANE).queryParam("articleId", article).get("/api/v1/moderation/stats").then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getMap("articles[0].counts")).containsEntry("PENDING", 1).containsEntry("APPROVED", 1)
                .containsEntry("REJECTED", 0).containsEntry("SPAM", 0);
        assertThat(stats.getLong("counts.PENDING")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getString("oldestPendingAt")).isNotNull();
        assertThat(stats.getLong("oldestPendingAgeSeconds")).isGreaterThanOrEqualTo(0);
        JsonPath top = as(JANE).get("/api/v1/moderation/stats").then().statusCode(200).extract().jsonPath();
        assertThat(top.getList("articles.articleId")).isNotEmpty();
    }
    static final String BOSS = Tokens.admin("boss");
    /** More links than the default maximum (2): the rules hold such a comment for a moderator. */
    static final String LINKS = "See https://a.example.org/1 https://b.example.org/2 https://c.example.org/3";

    private static long held() {
        return as(JANE).get("/api/v1/moderation/stats").then().statusCode(200).extract().jsonPath().getLong("held");
    }

    @Test
    void listsTheCommentsARuleHeldOldestFirstAndCountsThem() {
        long before = held();
        String article = newArticle();
        long plain = submit(article, "Nothing to hold here.");
        long first = submit(article, LINKS + " (one)");
        long second = submit(article, LINKS + " (two)");
        long third = submit(article, LINKS + " (three)");
        assertThat(held()).isEqualTo(before + 3);

        JsonPath page = page(article, "HELD", 2, null);
        assertThat(page.getList("items.id", Long.class)).containsExactly(first, second);
        assertThat(page.getList("items.status")).containsOnly("PENDING");
        assertThat(page.getList("items[0].reasons")).isNotEmpty();
        JsonPath next = page(article, "held", 2, page.getString("nextCursor"));
        assertThat(next.getList("items.id", Long.class)).containsExactly(third);
        assertThat(next.getString("nextCursor")).isNull();
        assertThat(page(article, "PENDING", 10, null).getList("items.id", Long.class)).containsExactly(plain, first, second, third);

        // A pending page's cursor is no position of the held listing.
        String pendingCursor = page(article, "PENDING", 1, null).getString("nextCursor");
        as(JANE).queryParam("status", "HELD").queryParam("cursor", pendingCursor).get("/api/v1/moderation/comments").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));

        // Decided, a held comment leaves the held queue.
        Comments.decide(JANE, first, 0, "REJECT").statusCode(200);
        assertThat(page(article, "HELD", 10, null).getList("items.id", Long.class)).containsExactly(second, third);
        assertThat(held()).isEqualTo(before + 2);
    }

    @Test
    void showsEachItemsArticleAndTheCommentItAnswers() {
        String registered = newArticle();
        as(BOSS).body(Map.of("title", "Minerals: the race for rare earths", "url", "https://news.example.com/minerals",
                "commentsOpen", true)).put("/api/v1/admin/articles/" + registered).then().statusCode(201);
        String text = "P".repeat(150) + "🙂" + "q".repeat(100);
        long parent = submit(registered, text);
        approve(JANE, parent);
        long reply = Comments.reply(registered, parent);
        String unregistered = newArticle();
        long alone = submit(unregistered);

        Map<String, Object> item = page(registered, "PENDING", 10, null).getMap("items[0]");
        assertThat(item).containsEntry("id", (int) reply).containsEntry("articleTitle", "Minerals: the race for rare earths")
                .containsEntry("articleUrl", "https://news.example.com/minerals").containsEntry("parentId", (int) parent);
        assertThat(item.get("parent")).isEqualTo(Map.of("id", (int) parent, "authorName", "Ana Lima",
                "excerpt", "P".repeat(150) + "🙂" + "q".repeat(49), "status", "APPROVED"));

        Map<String, Object> lone = page(unregistered, "PENDING", 10, null).getMap("items[0]");
        assertThat(lone).containsEntry("id", (int) alone).containsEntry("articleTitle", null).containsEntry("articleUrl", null)
                .containsEntry("parent", null);

        // Claims, decisions and the full read carry the same context.
        JsonPath claimed = as(JANE).body(Map.of("limit", 5, "articleId", registered)).post("/api/v1/moderation/claims").then()
                .statusCode(200).extract().jsonPath();
        assertThat(claimed.getString("items[0].articleTitle")).isEqualTo("Minerals: the race for rare earths");
        assertThat(claimed.getLong("items[0].parent.id")).isEqualTo(parent);
        as(JANE).get("/api/v1/moderation/comments/" + reply).then().statusCode(200)
                .body("articleUrl", equalTo("https://news.example.com/minerals")).body("parent.status", equalTo("APPROVED"));
        Comments.decide(JANE, reply, 0, "APPROVE").statusCode(200).body("articleTitle", equalTo("Minerals: the race for rare earths"))
                .body("parent.id", equalTo((int) parent));
        Comments.decide(JANE, parent, 1, "APPROVE").statusCode(200).body("parent", equalTo(null));
    }
}
