package io.commentdesk.web;

import static io.commentdesk.support.Comments.submit;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.LogCapture;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Query parameters a client made up: a 400 problem naming the parameter, never a 404 or a 500. */
@QuarkusTest
class QueryInputTest {

    static final String JANE = Tokens.moderator("jane");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String forged(String scope, String micros) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1|" + scope + "|" + micros + "|1").getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(RequestSpecification spec, String url, String parameter) {
        spec.get(url).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:invalid-input"))
                .body("errors[0].field", equalTo(parameter))
                .body(not(containsString("Exception")));
    }

    @Test
    void aCursorWithATimeNoDatabaseHoldsIsA400NamingCursorLoggedInOneLine() {
        String article = newArticle();
        submit(article);
        try (LogCapture log = LogCapture.start()) {
            for (String micros : new String[] { "-9223372036854775808", "9223372036854775807", "253402300800000000",
                    "-62135596800000001" }) {
                refused(given(), path(article) + "?cursor=" + forged("read/" + article + "/OLDEST", micros), "cursor");
                refused(given(), path(article) + "?order=newest&cursor=" + forged("read/" + article + "/NEWEST", micros), "cursor");
                refused(as(JANE), "/api/v1/moderation/comments?cursor=" + forged("queue/PENDING/", micros), "cursor");
                refused(as(JANE), "/api/v1/moderation/audit?cursor=" + forged("audit//", micros), "cursor");
            }
            assertThat(log.text()).contains("Refused a cursor").doesNotContain("Exception").doesNotContain("SELECT")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aCursorOfTheRightShapeStillPagesNormally() {
        String article = newArticle();
        // A real position, even one in the future, reads as an empty page, not an error.
        given().get(path(article) + "?cursor=" + forged("read/" + article + "/OLDEST", "4102444800000000"))
                .then().statusCode(200);
    }

    @Test
    void nonIntegerLimitsAndIdsAreA400NamingTheParameter() {
        String article = newArticle();
        for (String bad : new String[] { "abc", "1e9", "1.5", "12345678901234567890", "-1", "0", "101", "+5" }) {
            refused(given(), path(article) + "?limit=" + bad, "limit");
            refused(as(JANE), "/api/v1/moderation/comments?limit=" + bad, "limit");
            refused(as(JANE), "/api/v1/moderation/audit?limit=" + bad, "limit");
        }
        for (String bad : new String[] { "abc", "1e9", "1.5", "12345678901234567890", "-1", "0" }) {
            refused(as(JANE), "/api/v1/moderation/audit?commentId=" + bad, "commentId");
        }
        given().get(path(article) + "?limit=7").then().statusCode(200);
        as(JANE).get("/api/v1/moderation/audit?commentId=1&limit=100").then().statusCode(200);
    }
}
