package io.commentdesk.comment;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class JsonSubmissionTest {

    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static ExtractableResponse<Response> invalid(String article, Object body) {
        return postJson(article, body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:invalid-input"))
                .body("status", equalTo(400))
                .extract();
    }

    @Test
    void takesTheLongestCommentWhetherItsLengthIsAnnouncedOrItArrivesChunked() throws Exception {
        // 65,525 four-byte characters: a body of 256 KiB, far beyond what the event loop buffers before it hands
        // the rest of the body to a worker thread (quarkus.rest.input-buffer-size).
        String longest = "\uD83D\uDE00".repeat(65_525);
        Map<String, Object> body = with("content", longest);
        String article = newArticle();
        long announced = postJson(article, body).statusCode(202).extract().jsonPath().getLong("id");
        byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
        long chunked = RestAssured.given().contentType("application/json").body(new java.io.ByteArrayInputStream(json))
                .post(io.commentdesk.support.Submissions.path(article)).then().statusCode(202)
                .extract().jsonPath().getLong("id");

        assertThat(db.row("SELECT content FROM comment WHERE id = ?", announced).get("content")).isEqualTo(longest);
        assertThat(db.row("SELECT content FROM comment WHERE id = ?", chunked).get("content")).isEqualTo(longest);
    }

    @Test
    void queuesAValidCommentAsPendingAndAnswersWithItsPublicFields() {
        String article = newArticle();
        Map<String, Object> body = with("authorUrl", "https://ana.example.com/");
        var response = postJson(article, body)
                .statusCode(202)
                .contentType("application/json")
                .extract();
        // The Location ends with the new id.
        long id = response.jsonPath().getLong("id");
        assertThat(response.header("Location")).endsWith("/api/v1/articles/" + article + "/comments/" + id);
        var json = response.jsonPath();
        assertThat(json.getString("status")).isEqualTo("PENDING");
        assertThat(json.getString("articleId")).isEqualTo(article);
        assertThat(json.getString("authorName")).isEqualTo("Ana Lima");
        assertThat(json.getString("authorUrl")).isEqualTo("https://ana.example.com/");
        assertThat(json.getString("content")).isEqualTo("Rare earths are only half the story.");
        assertThat(json.getMap("")).doesNotContainKeys("authorEmail", "email", "ipAddress", "userAgent");
        assertThat(json.<Object>get("parentId")).isNull();
        Instant createdAt = Instant.parse(json.getString("createdAt"));

        Map<String, Object> row = db.row("SELECT * FROM comment WHERE id = ?", id);
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("article_id")).isEqualTo(article);
        assertThat(row.get("parent_id")).isNull();
        assertThat(row.get("author_name")).isEqualTo("Ana Lima");
        assertThat(row.get("content")).isEqualTo("Rare earths are only half the story.");
        assertThat(((java.sql.Timestamp) row.get("created_at")).toInstant()).isEqualTo(createdAt);
        assertThat((String) row.get("email_sealed")).startsWith("k1:").doesNotContain("ana.lima").doesNotContain("example.com");
        assertThat((String) row.get("ip_sealed")).startsWith("k1:").doesNotContain("127.0.0.1");
        assertThat((String) row.get("user_agent_sealed")).startsWith("k1:");
        assertThat((String) row.get("email_hash")).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void storesTheSameHashForTheSameAddressWhateverItsCase() {
        String article = newArticle();
        long a = postJson(article, with("authorEmail", "Ana.Lima@Example.com")).statusCode(202).extract().jsonPath().getLong("id");
        long b = postJson(article, with("authorEmail", " ana.lima@example.com ")).statusCode(202).extract().jsonPath().getLong("id");
        assertThat(db.row("SELECT email_hash FROM comment WHERE id = ?", a))
                .isEqualTo(db.row("SELECT email_hash FROM comment WHERE id = ?", b));
    }

    @Test
    void roundTripsEmojiRtlAndCombiningMarksExactlyAfterNfc() {
        String article = newArticle();
        String content = "👩🏽‍💻 🇵🇹 ok\nשלום עולם — مرحبا\nCafe\u0301 nai\u0308ve";
        String nfc = "👩🏽‍💻 🇵🇹 ok\nשלום עולם — مرحبا\nCafé naïve";
        var json = postJson(article, Map.of("authorName", "Zoe\u0308", "authorEmail", "zoe@例子.中国", "content", content))
                .statusCode(202).extract().jsonPath();
        assertThat(json.getString("content")).isEqualTo(nfc);
        assertThat(json.getString("authorName")).isEqualTo("Zoë");
        assertThat(db.row("SELECT content, author_name FROM comment WHERE id = ?", json.getLong("id")))
                .containsEntry("content", nfc).containsEntry("author_name", "Zoë");
    }

    @Test
    void listsEveryInvalidFieldAtOnce() {
        var problem = invalid(newArticle(), Map.of("authorName", " ", "authorEmail", "not-an-address",
                "authorUrl", "javascript:alert(1)", "content", "\u0000"));
        assertThat(problem.jsonPath().getList("errors.field"))
                .containsExactlyInAnyOrder("authorName", "authorEmail", "authorUrl", "content");
        assertThat(problem.jsonPath().getString("title")).isEqualTo("Invalid input");
        assertThat(problem.jsonPath().getString("detail")).isEqualTo("4 fields are invalid.");
    }

    @Test
    void namesEachRuleWithItsField() {
        String article = newArticle();
        record Case(String field, Object value, String message) {
        }
        for (Case c : new Case[] {
                new Case("authorName", null, "is required"),
                new Case("authorName", " \t ", "is required"),
                new Case("authorEmail", null, "is required"),
                new Case("authorEmail", "ana@localhost", "must be a valid email address"),
                new Case("authorEmail", "ana@@example.com", "must be a valid email address"),
                new Case("authorUrl", "ftp://example.com/file", "must be an http or https URL"),
                new Case("authorUrl", "data:text/html,<script>", "must be an http or https URL"),
                new Case("authorUrl", "http://localhost:8080/", "must be a valid http or https URL"),
                new Case("content", "   ", "is required"),
                new Case("content", "bell\u0007", "must not contain control characters"),
                new Case("content", "nul\u0000", "must not contain control characters"),
                new Case("content", "lone \uD83D surrogate", "is not valid Unicode text (it contains an unpaired surrogate)"),
                new Case("authorName", 42, "must be a string"),
                new Case("content", Map.of("text", "hi"), "must be a string"),
                new Case("parentId", "12", "must be an integer comment id"),
                new Case("parentId", 1.5, "must be an integer comment id"),
                new Case("parentId", -3, "must be the id of an approved comment of this article"),
        }) {
            Map<String, Object> body = with(c.field(), c.value());
            var problem = invalid(article, body);
            assertThat(problem.jsonPath().getList("errors", Map.class))
                    .as(c.field() + " = " + c.value())
                    .containsExactly(Map.of("field", c.field(), "message", c.message()));
        }
    }

    @Test
    void acceptsEachLimitAndRefusesOneCharacterMore() {
        String article = newArticle();
        String emoji = "😀";
        String email100 = "a".repeat(60) + "@" + "b".repeat(35) + ".com";
        String url200 = "https://example.com/" + "p".repeat(180);
        postJson(article, Map.of("authorName", "n".repeat(245), "authorEmail", email100, "authorUrl", url200,
                "content", emoji.repeat(65_525))).statusCode(202);

        assertThat(invalid(article, with("authorName", "n".repeat(246))).jsonPath().getString("errors[0].message"))
                .isEqualTo("must be at most 245 characters");
        assertThat(invalid(article, with("authorEmail", "a" + email100)).jsonPath().getString("errors[0].message"))
                .isEqualTo("must be at most 100 characters");
        assertThat(invalid(article, with("authorUrl", url200 + "p")).jsonPath().getString("errors[0].message"))
                .isEqualTo("must be at most 200 characters");
        assertThat(invalid(article, with("content", emoji.repeat(65_526))).jsonPath().getString("errors[0].message"))
                .isEqualTo("must be at most 65525 characters");
    }

    @Test
    void refusesAnInvalidArticleId() {
        var problem = invalid("bad article id!", valid());
        assertThat(problem.jsonPath().getList("errors.field")).containsExactly("articleId");
        invalid("a".repeat(201), valid());
    }

    @Test
    void acceptsArticleIdsWithSlashesWhenPercentEncoded() {
        String article = "news/2026/11/28:minerals_" + System.nanoTime();
        postJson(article, valid()).statusCode(202).body("articleId", equalTo(article));
    }

    @Test
    void ignoresUnknownPropertiesAndAcceptsExplicitNulls() {
        Map<String, Object> body = with("authorUrl", null);
        body.put("parentId", null);
        body.put("somethingNew", true);
        postJson(newArticle(), body).statusCode(202).body("authorUrl", nullValue()).body("$", not(hasKey("somethingNew")));
    }

    @Test
    void answersSubmissionsWithAProblemTypeAndInstance() {
        String article = newArticle();
        postJson(article, with("content", "")).statusCode(400)
                .body("instance", equalTo("/api/v1/articles/" + article + "/comments"))
                .body("errors.field", hasItem("content"))
                .body("type", notNullValue())
                .body("errors.field", containsInAnyOrder("content"));
    }

    @Test
    void refusesWebsitesOnNonPublicHostsAndWithUserInfoNamingTheField() {
        for (String url : new String[] { "http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/", "https://user:pw@example.com/" }) {
            String article = newArticle();
            postJson(article, with("authorUrl", url)).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("authorUrl"));
            assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).as(url).isZero();
        }
        io.commentdesk.support.Submissions.form(java.util.Map.of("author", "Bo", "email", "bo@example.com", "comment", "Hi",
                "url", "http://192.168.0.1/")).post(io.commentdesk.support.Submissions.path(newArticle())).then()
                .statusCode(400).body("errors.field", containsInAnyOrder("url"));
    }
}
