package io.commentdesk.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The console page as the service serves it: its files, its policy, its sign-in settings. */
@QuarkusTest
@TestProfile(ConsoleTest.WithProvider.class)
class ConsoleTest {

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.console.oidc-issuer", "https://sso.example.com/realms/newsroom",
                    "comments.console.dev-sign-in", "true");
        }
    }

    @Test
    void servesThePageWithAStrictPolicyThatLetsOnlyItsOwnFilesAndTheProviderIn() {
        given().redirects().follow(false).get("/moderate").then().statusCode(301).header("Location", containsString("/moderate/"));
        given().get("/moderate/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo("default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self'; connect-src 'self' https://sso.example.com; base-uri 'none'; form-action 'self'; "
                        + "frame-ancestors 'none'"))
                .body(containsString("<script type=\"module\" src=\"console.js\"></script>"))
                .body(not(containsString("<script>"))).body(not(containsString("style=")));
        for (String file : new String[] { "console.js", "auth.js", "api.js", "live.js" }) {
            given().get("/moderate/" + file).then().statusCode(200).contentType(containsString("javascript"));
        }
        given().get("/moderate/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void tellsThePageWhereToSignIn() {
        given().get("/moderate/config").then().statusCode(200).header("Cache-Control", "no-store")
                .body("oidc.issuer", equalTo("https://sso.example.com/realms/newsroom"))
                .body("oidc.clientId", equalTo("comment-desk-console")).body("oidc.scope", equalTo("openid profile"))
                .body("devSignIn", equalTo(true));
    }

    @Test
    void theDevelopmentSignInGivesATokenTheApiTakes() {
        String token = given().contentType("application/json").body(Map.of("name", "jane", "role", "moderator"))
                .post("/moderate/dev-sign-in").then().statusCode(200).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/moderation/stats").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/admin/settings").then().statusCode(403);
        String admin = given().contentType("application/json").body(Map.of("name", "boss", "role", "admin"))
                .post("/moderate/dev-sign-in").then().statusCode(200).extract().path("token");
        given().auth().oauth2(admin).get("/api/v1/admin/settings").then().statusCode(200);

        given().contentType("application/json").body(Map.of("name", "jane", "role", "owner")).post("/moderate/dev-sign-in").then()
                .statusCode(400).body("errors[0].field", equalTo("role"));
        given().contentType("application/json").body(Map.of("name", "<jane>", "role", "moderator")).post("/moderate/dev-sign-in")
                .then().statusCode(400).body("errors[0].field", equalTo("name")).body("token", nullValue());
    }
}
