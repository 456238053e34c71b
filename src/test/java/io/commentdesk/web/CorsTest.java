package io.commentdesk.web;

import static io.commentdesk.support.Submissions.form;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.validForm;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Browsers on the frontend origins may call the API from script; pages elsewhere may still post the
 * plain form (no CORS request), and what they may not do is refused with a problem.
 */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class CorsTest {

    @Inject
    Db db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void answersAPreflightFromAnAllowedOrigin() {
        given().header("Origin", EdgeProfile.FRONTEND).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options(path(newArticle())).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(EdgeProfile.FRONTEND))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Vary", containsString("Origin"));
    }

    @Test
    void letsAnAllowedOriginReadTheEtagAndTellsCachesTheAnswerVariesByOrigin() {
        given().header("Origin", EdgeProfile.FRONTEND).get(path(newArticle())).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(EdgeProfile.FRONTEND))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Vary", containsString("Origin"));
        // The same list fetched without Origin (a CDN filling its cache) says so too, so the cache keys on Origin.
        given().get(path(newArticle())).then().statusCode(200).header("Vary", containsString("Origin"));
        given().get("/api/v1/comment-counts?articleId=a").then().statusCode(200).header("Vary", containsString("Origin"));
    }

    @Test
    void acceptsAPlainFormPostFromAnyPageIncludingOriginNull() {
        for (String origin : new String[] { "https://elsewhere.example", "null" }) {
            String article = newArticle();
            int status = form(validForm()).header("Origin", origin).post(path(article)).then()
                    .header("Access-Control-Allow-Origin", nullValue()).extract().statusCode();
            assertThat(status).as(origin).isEqualTo(202);
            assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).as(origin).isOne();
        }
    }

    @Test
    void refusesWhatABrowserWouldHaveAskedLeaveForWithAProblem() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(path(newArticle())).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:origin-not-allowed"))
                .header("Access-Control-Allow-Origin", nullValue());
        String article = newArticle();
        given().header("Origin", "https://evil.example").urlEncodingEnabled(false).contentType("application/json").body(valid())
                .post(path(article)).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:origin-not-allowed"));
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isZero();
        Tokens.as(Tokens.moderator("jane")).header("Origin", "https://evil.example").get("/api/v1/moderation/comments")
                .then().statusCode(403).contentType("application/problem+json");
        // A public list read from another page is served, without CORS headers: the browser keeps it from the script.
        given().header("Origin", "https://evil.example").get(path(newArticle())).then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        postJson(newArticle(), valid()).statusCode(202);
    }
}
