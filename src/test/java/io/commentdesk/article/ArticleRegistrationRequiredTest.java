package io.commentdesk.article;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Tokens.as;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With registration required and articles closing 14 days after registration. */
@QuarkusTest
@TestProfile(ArticleRegistrationRequiredTest.Strict.class)
class ArticleRegistrationRequiredTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.articles.require-registration", "true", "comments.articles.close-after-days", "14");
        }
    }

    static final String BOSS = Tokens.admin("boss");

    @Inject
    Db db;

    @Test
    void refusesCommentsOnUnregisteredArticles() {
        postJson(newArticle(), valid()).statusCode(404).contentType("application/problem+json");
        String id = newArticle();
        as(BOSS).body(ArticleAdminTest.article(true, null)).put("/api/v1/admin/articles/" + id).then().statusCode(201);
        postJson(id, valid()).statusCode(202);
    }

    @Test
    void closesCommentsDaysAfterRegistration() {
        String id = newArticle();
        as(BOSS).body(ArticleAdminTest.article(true, null)).put("/api/v1/admin/articles/" + id).then().statusCode(201);
        db.update("UPDATE article SET created_at = CURRENT_TIMESTAMP - INTERVAL '15' DAY WHERE article_id = ?", id);
        postJson(id, valid()).statusCode(403).body("type", equalTo("urn:commentdesk:problem:comments-closed"));
        as(BOSS).get("/api/v1/admin/articles/" + id).then().statusCode(200).body("acceptingComments", equalTo(false));
    }
}
