package io.commentdesk.web;

import static io.commentdesk.support.Submissions.form;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.validForm;
import static io.commentdesk.support.Submissions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** What every answer carries: security headers, a request id (also inside problems), no server banner. */
@QuarkusTest
class EdgeHeadersTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndARequestIdAndNoBanner() {
        for (String url : new String[] { path(newArticle()), "/q/health/ready", "/api/v1/nothing-here", "/q/openapi" }) {
            given().get(url).then()
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("X-Request-Id", matchesPattern(UUID))
                    .header("Server", nullValue());
        }
    }

    @Test
    void takesAPlainRequestIdFromTheCallerAndReplacesAnythingElse() {
        given().header("X-Request-Id", "trace-4bf92f3577b34da6").get(path(newArticle())).then()
                .header("X-Request-Id", equalTo("trace-4bf92f3577b34da6"));
        for (String forged : new String[] { "has space", "x".repeat(65), "a\"b", "ok;bad" }) {
            given().header("X-Request-Id", forged).get(path(newArticle())).then().header("X-Request-Id", matchesPattern(UUID));
        }
    }

    @Test
    void everyProblemNamesItsRequestId() {
        assertNamesItsRequest(postJson(newArticle(), with("content", "")).statusCode(400).extract());
        assertNamesItsRequest(given().get("/api/v1/nothing-here").then().statusCode(404).extract());
        assertNamesItsRequest(given().contentType("application/json").body("x".repeat(1_100_000))
                .post(path(newArticle())).then().statusCode(413).extract());
        assertNamesItsRequest(given().header("Origin", "https://elsewhere.example").contentType("application/json").body(valid())
                .post(path(newArticle())).then().statusCode(403).extract());
        given().header("X-Request-Id", "mine-1").get("/api/v1/nothing-here").then().body("requestId", equalTo("mine-1"));
    }

    private static void assertNamesItsRequest(ExtractableResponse<Response> answer) {
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("requestId")).isEqualTo(answer.header("X-Request-Id")).matches(UUID);
    }

    @Test
    void theServicesOwnHtmlHasAStrictPolicyAndCannotBeFramed() {
        form(validForm()).post(path(newArticle())).then().statusCode(202).contentType("text/html")
                .header("Content-Security-Policy", equalTo(SecurityHeaders.STRICT_CSP));
    }

    @Test
    void readinessIncludesTheDatabaseAndTheChangeNoticeListener() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("change-notices"))
                .body("checks.name", hasItem("Database connections health check"));
    }
}
