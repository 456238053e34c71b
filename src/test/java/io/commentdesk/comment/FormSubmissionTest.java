package io.commentdesk.comment;

import static io.commentdesk.support.Submissions.form;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.raw;
import static io.commentdesk.support.Submissions.validForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** The plain HTML form, as WordPress's comment_form() posts it from a page without JavaScript. */
@QuarkusTest
@TestProfile(FormSubmissionTest.WithFrontends.class)
class FormSubmissionTest {

    /** Two frontends allowed for redirects. */
    public static class WithFrontends implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.allowed-origins", "https://news.example.com, http://localhost:3000");
        }
    }

    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void redirectsToRedirectToOnAnAllowedOriginAtTheNewComment() {
        String article = newArticle();
        Map<String, String> fields = validForm();
        fields.put("redirect_to", "https://news.example.com/2026/11/28/minerals?utm=x#respond");
        String location = form(fields).header("Referer", "https://news.example.com/elsewhere")
                .post(path(article)).then()
                .statusCode(303)
                .header("Location", matchesPattern("https://news\\.example\\.com/2026/11/28/minerals\\?utm=x&unapproved=\\d+&moderation-hash=[0-9]+\\.[A-Za-z0-9_-]+#comment-\\d+"))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.indexOf("#comment-") + 9));
        Map<String, Object> row = db.row("SELECT * FROM comment WHERE id = ?", id);
        assertThat(row).containsEntry("status", "PENDING").containsEntry("article_id", article)
                .containsEntry("author_name", "Bo Chen").containsEntry("content", "First line\nSecond line");
        assertThat(row.get("parent_id")).isNull();
        assertThat(row.get("author_url")).isNull();
    }

    @Test
    void redirectsToTheRefererWhenThereIsNoRedirectTo() {
        form(validForm()).header("Referer", "http://localhost:3000/story/7").post(path(newArticle())).then()
                .statusCode(303).header("Location", matchesPattern("http://localhost:3000/story/7\\?unapproved=\\d+&moderation-hash=\\S+#comment-\\d+"));
    }

    @Test
    void answersAPlainPageWhenNoAllowedPageIsGiven() {
        Map<String, String> fields = validForm();
        fields.put("redirect_to", "https://evil.example/phish");
        form(fields).header("Referer", "https://news.example.com.evil.example/").post(path(newArticle())).then()
                .statusCode(202)
                .header("Location", nullValue())
                .contentType("text/html")
                .body(containsString("Your comment is awaiting moderation."));
        form(validForm()).post(path(newArticle())).then().statusCode(202).contentType("text/html");
    }

    @Test
    void namesInvalidFieldsAsTheFormDoes() {
        Map<String, String> fields = validForm();
        fields.put("author", " ");
        fields.put("email", "bo@");
        fields.put("url", "javascript:alert(1)");
        fields.put("comment", "");
        fields.put("comment_parent", "abc");
        var problem = form(fields).post(path(newArticle())).then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(problem.getList("errors.field")).containsExactlyInAnyOrder("author", "email", "url", "comment", "comment_parent");
    }

    @Test
    void takesTheWebsiteAndUtf8TextOfAForm() {
        Map<String, String> fields = validForm();
        fields.put("author", "José Ñúñez");
        fields.put("url", "jose.example.com");
        fields.put("comment", "Ótimo 👍");
        fields.put("redirect_to", "https://news.example.com/a");
        String location = form(fields).post(path(newArticle())).then().statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.substring(location.indexOf("#comment-") + 9));
        assertThat(db.row("SELECT author_name, author_url, content FROM comment WHERE id = ?", id))
                .containsEntry("author_name", "José Ñúñez")
                .containsEntry("author_url", "http://jose.example.com")
                .containsEntry("content", "Ótimo 👍");
    }

    @Test
    void refusesInvalidUtf8InAForm() {
        raw("application/x-www-form-urlencoded")
                .body("author=Bo%FF&email=bo%40example.com&comment=hi")
                .post(path(newArticle())).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:malformed-body"));
    }

    @Test
    void readsAFormInTheCharsetItNames() {
        String location = raw("application/x-www-form-urlencoded; charset=ISO-8859-1")
                .body("author=Jos%E9&email=jose%40example.com&comment=Ol%E1&redirect_to=https%3A%2F%2Fnews.example.com%2F")
                .post(path(newArticle())).then().statusCode(303).extract().header("Location");
        long id = Long.parseLong(location.substring(location.indexOf("#comment-") + 9));
        assertThat(db.row("SELECT author_name, content FROM comment WHERE id = ?", id))
                .containsEntry("author_name", "José").containsEntry("content", "Olá");
    }
}
