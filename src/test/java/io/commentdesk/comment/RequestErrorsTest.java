package io.commentdesk.comment;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.raw;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;

import io.commentdesk.support.RawHttp;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Whatever arrives, the answer is a clear 4xx problem: never a 5xx, never a stack trace. */
@QuarkusTest
class RequestErrorsTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static io.restassured.response.ValidatableResponse post(String contentType, byte[] body) {
        return raw(contentType).body(body).post(path(newArticle())).then();
    }

    private static io.restassured.response.ValidatableResponse post(String contentType, String body) {
        return raw(contentType).body(body).post(path(newArticle())).then();
    }

    private static void malformed(String contentType, String body) {
        post(contentType, body.getBytes(StandardCharsets.UTF_8))
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:malformed-body"))
                .body("detail", not(containsString("example.com")))
                .body(not(containsString("Exception")));
    }

    @Test
    void answersMalformedJsonWith400WithoutQuotingIt() {
        malformed("application/json", "{\"authorName\": \"Ana\", secret@example.com");
        malformed("application/json", "{\"authorName\": \"Ana\"");
        malformed("application/json", "");
        malformed("application/json", "[1, 2]");
        malformed("application/json", "\"just a string\"");
        malformed("application/json", "null");
        malformed("application/json", "{\"content\": \"a\", \"content\": \"b\"}");
    }

    @Test
    void answersInvalidUtf8InJsonWith400() {
        byte[] body = "{\"authorName\":\"Ana\",\"authorEmail\":\"a@example.com\",\"content\":\"bad X\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xFF;
        post("application/json", body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:malformed-body"));
    }

    @Test
    void answersOverlongAndSurrogateUtf8InJsonWith400() {
        for (byte[] bad : new byte[][] { { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 } }) {
            byte[] head = "{\"authorName\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\",\"authorEmail\":\"a@example.com\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bad, 0, body, head.length, bad.length);
            System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
            post("application/json", body).statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:commentdesk:problem:malformed-body"));
        }
    }

    @Test
    void acceptsAJsonBodyWithAByteOrderMark() {
        post("application/json", "\uFEFF{\"authorName\":\"Ana\",\"authorEmail\":\"a@example.com\",\"content\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8)).statusCode(202);
    }

    @Test
    void answersAMissingOrUnparsableContentTypeWith415() {
        var missing = RawHttp.post(path(newArticle()), null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.statusCode()).isEqualTo(415);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        for (String garbage : new String[] { ";;;", "/", "json" }) {
            var response = RawHttp.post(path(newArticle()), garbage, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(garbage).isEqualTo(415);
            assertThat(response.body()).contains("unsupported-media-type");
        }
    }

    @Test
    void answersUnsupportedMediaTypesWith415() {
        for (String type : new String[] { "text/plain", "application/xml", "multipart/form-data; boundary=x" }) {
            post(type, "hello".getBytes(StandardCharsets.UTF_8))
                    .statusCode(415).contentType("application/problem+json")
                    .body("type", equalTo("urn:commentdesk:problem:unsupported-media-type"));
        }
        var klingon = RawHttp.post(path(newArticle()), "application/x-www-form-urlencoded; charset=x-klingon",
                "a=b".getBytes(StandardCharsets.US_ASCII));
        assertThat(klingon.statusCode()).isEqualTo(415);
        assertThat(klingon.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void answersABodyOverTheLimitWith413() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        post("application/json", big).statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:payload-too-large"));
        post("application/x-www-form-urlencoded", "comment=" + "a".repeat(1024 * 1024)).statusCode(413).contentType("application/problem+json");
    }

    @Test
    void answersAChunkedBodyOverTheLimitWith413() {
        byte[] json = ("{\"authorName\":\"Ana\",\"authorEmail\":\"a@example.com\",\"content\":\"" + "a".repeat(1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // An InputStream body has no known length, so it goes out chunked, without Content-Length.
        InputStream chunked = new ByteArrayInputStream(json);
        given().urlEncodingEnabled(false).contentType("application/json").body(chunked).post(path(newArticle())).then()
                .statusCode(413).contentType("application/problem+json");
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        given().delete(path(newArticle())).then().statusCode(405).contentType("application/problem+json")
                .body("title", notNullValue())
                .header("Allow", allOf(containsString("GET"), containsString("POST"), not(containsString("DELETE"))));
        io.commentdesk.support.Tokens.as(io.commentdesk.support.Tokens.moderator("jane")).delete("/api/v1/moderation/audit")
                .then().statusCode(405).header("Allow", containsString("GET"));
        given().get(path(newArticle()) + "/not-a-number").then().statusCode(404).contentType("application/problem+json");
    }
}
