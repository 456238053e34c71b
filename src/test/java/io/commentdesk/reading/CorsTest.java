package io.commentdesk.reading;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Browsers on the frontend origins may call the API; browsers on other origins may not. */
@QuarkusTest
@TestProfile(CorsTest.WithFrontend.class)
class CorsTest {

    public static class WithFrontend implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.allowed-origins", "https://news.example.com");
        }
    }

    @Test
    void answersAPreflightFromAnAllowedOrigin() {
        given().header("Origin", "https://news.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options(path(newArticle())).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://news.example.com"))
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    @Test
    void letsAnAllowedOriginReadTheEtag() {
        given().header("Origin", "https://news.example.com").get(path(newArticle())).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://news.example.com"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void refusesOtherOrigins() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(path(newArticle())).then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get(path(newArticle())).then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
