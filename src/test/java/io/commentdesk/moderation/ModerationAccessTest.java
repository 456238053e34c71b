package io.commentdesk.moderation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/** Every moderation and admin route: 401 without a valid token, 403 without the role, as problems. */
@QuarkusTest
class ModerationAccessTest {

    record Route(String method, String path, boolean admin) {
    }

    static final Route[] ROUTES = {
            new Route("GET", "/api/v1/moderation/comments", false),
            new Route("GET", "/api/v1/moderation/comments/1", false),
            new Route("GET", "/api/v1/moderation/comments/1/author", false),
            new Route("GET", "/api/v1/moderation/events", false),
            new Route("POST", "/api/v1/moderation/comments/1/decision", false),
            new Route("PATCH", "/api/v1/moderation/comments/1", false),
            new Route("POST", "/api/v1/moderation/decisions", false),
            new Route("GET", "/api/v1/moderation/stats", false),
            new Route("POST", "/api/v1/moderation/claims", false),
            new Route("DELETE", "/api/v1/moderation/claims", false),
            new Route("GET", "/api/v1/moderation/audit", false),
            new Route("PUT", "/api/v1/admin/articles/news-1", true),
            new Route("GET", "/api/v1/admin/articles/news-1", true),
            new Route("GET", "/api/v1/admin/blocks", true),
            new Route("GET", "/api/v1/admin/settings", true),
            new Route("PUT", "/api/v1/admin/settings", true),
            new Route("POST", "/api/v1/admin/blocks", true),
            new Route("DELETE", "/api/v1/admin/blocks/1", true),
    };

    private static io.restassured.response.ValidatableResponse call(RequestSpecification spec, Route route) {
        return spec.contentType("application/json").body("{}").request(route.method(), route.path()).then();
    }

    /** The README's command for a development token, run as a newcomer would. */
    private static String devToken(String role) throws Exception {
        Process p = new ProcessBuilder("bash", "src/dev/token.sh", role).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        org.assertj.core.api.Assertions.assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void acceptsTheTokensTheDevCommandPrints() throws Exception {
        given().auth().oauth2(devToken("moderator")).get("/api/v1/moderation/stats").then().statusCode(200);
        given().auth().oauth2(devToken("moderator")).get("/api/v1/admin/articles/news-1").then().statusCode(403);
        given().auth().oauth2(devToken("admin")).get("/api/v1/admin/articles/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void refusesEveryRouteWithoutAToken() {
        for (Route route : ROUTES) {
            call(given(), route).statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .body("type", equalTo("urn:commentdesk:problem:unauthorized"));
        }
    }

    @Test
    void refusesTokensThatNameNobodyTheAuditCouldRecord() {
        String blankSubject = Jwt.issuer(Tokens.ISSUER).subject("  ").claim("preferred_username", "jane")
                .groups(Set.of("moderator")).sign();
        String emptySubject = Jwt.issuer(Tokens.ISSUER).subject("").groups(Set.of("moderator")).sign();
        String nulSubject = Jwt.issuer(Tokens.ISSUER).subject("ja\u0000ne").groups(Set.of("moderator")).sign();
        for (String token : new String[] { blankSubject, emptySubject, nulSubject }) {
            given().auth().oauth2(token).get("/api/v1/moderation/comments").then().statusCode(401)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).contentType("application/json").body(java.util.Map.of("limit", 1))
                    .post("/api/v1/moderation/claims").then().statusCode(401);
        }
        // No sub at all: the preferred_username names the moderator.
        String named = Jwt.issuer(Tokens.ISSUER).claim("preferred_username", "jane").groups(Set.of("moderator")).sign();
        given().auth().oauth2(named).get("/api/v1/moderation/comments").then().statusCode(200);
    }

    @Test
    void refusesTokensThatAreForgedExpiredOrFromAnotherIssuer() {
        String valid = Tokens.moderator("jane");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        String expired = Jwt.issuer(Tokens.ISSUER).subject("jane").groups(Set.of("moderator"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        String foreign = Jwt.issuer("https://evil.example").subject("jane").groups(Set.of("moderator")).sign();
        for (String token : new String[] { forged, expired, foreign, "not-a-jwt" }) {
            given().auth().oauth2(token).get("/api/v1/moderation/comments").then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void refusesTokensWithoutTheRole() {
        String reader = Tokens.reader("someone");
        for (Route route : ROUTES) {
            call(given().auth().oauth2(reader), route).statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:commentdesk:problem:forbidden"));
        }
    }

    @Test
    void keepsAdminRoutesFromModeratorsAndOpensModerationRoutesToAdmins() {
        String moderator = Tokens.moderator("jane");
        for (Route route : ROUTES) {
            if (route.admin()) {
                call(given().auth().oauth2(moderator), route).statusCode(403);
            }
        }
        given().auth().oauth2(Tokens.admin("boss")).get("/api/v1/moderation/stats").then().statusCode(200);
        given().auth().oauth2(moderator).get("/api/v1/moderation/stats").then().statusCode(200);
    }
}
