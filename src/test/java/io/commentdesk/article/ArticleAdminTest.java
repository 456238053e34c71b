package io.commentdesk.article;

import static io.commentdesk.support.Comments.approve;
import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.form;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.validForm;
import static io.commentdesk.support.Tokens.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ArticleAdminTest {

    static final String BOSS = Tokens.admin("boss");
    static final String JANE = Tokens.moderator("jane");

    static Map<String, Object> article(boolean open, Instant closesAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Russia floats rare mineral deal");
        body.put("url", "https://news.example.org/2026/11/28/minerals");
        body.put("commentsOpen", open);
        if (closesAt != null) {
            body.put("closesAt", closesAt.toString());
        }
        return body;
    }

    @Test
    void registersUpdatesAndReadsAnArticleWithItsCounts() {
        String id = newArticle();
        as(BOSS).body(article(true, null)).put("/api/v1/admin/articles/" + id).then().statusCode(201)
                .body("articleId", equalTo(id)).body("acceptingComments", equalTo(true)).body("version", equalTo(0));
        approve(JANE, submit(id));
        submit(id);
        as(BOSS).body(article(true, Instant.parse("2099-01-01T00:00:00Z"))).put("/api/v1/admin/articles/" + id).then().statusCode(200)
                .body("closesAt", equalTo("2099-01-01T00:00:00Z")).body("version", equalTo(1))
                .body("counts.PENDING", equalTo(1)).body("counts.APPROVED", equalTo(1));
        as(BOSS).get("/api/v1/admin/articles/" + id).then().statusCode(200).body("title", equalTo("Russia floats rare mineral deal"));
        as(BOSS).get("/api/v1/admin/articles/" + newArticle()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesCommentsOnAClosedArticle() {
        String id = newArticle();
        as(BOSS).body(article(false, null)).put("/api/v1/admin/articles/" + id).then().statusCode(201);
        postJson(id, valid()).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:comments-closed"));
        form(validForm()).post(path(id)).then().statusCode(403);
    }

    @Test
    void refusesCommentsAfterClosesAt() {
        String id = newArticle();
        as(BOSS).body(article(true, Instant.now().minusSeconds(1))).put("/api/v1/admin/articles/" + id).then().statusCode(201)
                .body("acceptingComments", equalTo(false));
        postJson(id, valid()).statusCode(403).body("type", equalTo("urn:commentdesk:problem:comments-closed"));
    }

    @Test
    void sendsFormPostsBackToTheRegisteredPage() {
        String id = newArticle();
        as(BOSS).body(article(true, null)).put("/api/v1/admin/articles/" + id).then().statusCode(201);
        // No redirect_to, no Referer: the registered page is where the reader came from.
        form(validForm()).post(path(id)).then().statusCode(303)
                .header("Location", matchesPattern("https://news\\.example\\.org/2026/11/28/minerals\\?unapproved=\\d+&moderation-hash=\\S+#comment-\\d+"));
        Map<String, String> fields = validForm();
        fields.put("redirect_to", "https://news.example.org/2026/11/28/minerals");
        form(fields).post(path(id)).then().statusCode(303);
    }

    @Test
    void validatesTheArticle() {
        Map<String, Object> body = article(true, null);
        body.put("title", " ");
        body.put("url", "javascript:alert(1)");
        var errors = as(BOSS).body(body).put("/api/v1/admin/articles/" + newArticle()).then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath().getList("errors.field");
        assertThat(errors).contains("title");
        body.put("title", "ok");
        as(BOSS).body(body).put("/api/v1/admin/articles/" + newArticle()).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        as(BOSS).body(article(true, null)).put("/api/v1/admin/articles/bad%20id").then().statusCode(400)
                .body("errors[0].field", equalTo("articleId"));
        Map<String, Object> noOpen = article(true, null);
        noOpen.remove("commentsOpen");
        as(BOSS).body(noOpen).put("/api/v1/admin/articles/" + newArticle()).then().statusCode(400)
                .body("errors[0].field", equalTo("commentsOpen"));
    }
}
