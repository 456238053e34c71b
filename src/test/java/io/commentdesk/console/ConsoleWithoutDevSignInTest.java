package io.commentdesk.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Outside the embedded profile nobody gets a token from the service itself, and without a provider the page says so. */
@QuarkusTest
class ConsoleWithoutDevSignInTest {

    @Test
    void noDevelopmentSignIn() {
        given().get("/moderate/config").then().statusCode(200).body("oidc", nullValue()).body("devSignIn", equalTo(false));
        given().contentType("application/json").body(Map.of("name", "jane", "role", "admin")).post("/moderate/dev-sign-in").then()
                .statusCode(404);
    }
}
