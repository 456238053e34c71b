package io.commentdesk.rules;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.valid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * The flood, rate and duplicate rules switched on, behind a trusted proxy (127.0.0.1) so each test
 * can post from addresses of its own with X-Forwarded-For.
 */
@QuarkusTest
@TestProfile(FloodRulesTest.Rules.class)
class FloodRulesTest {

    private static final String FLOODS = "commentdesk_submissions_total{outcome=\"flood\"}";
    private static final String DUPLICATES = "commentdesk_submissions_total{outcome=\"duplicate\"}";

    /** Rules on, with small numbers so the edges are reached quickly. */
    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("comments.rules.flood.enabled", "true"),
                    Map.entry("comments.rules.flood.interval", "2s"),
                    Map.entry("comments.rules.rate-limit.enabled", "true"),
                    Map.entry("comments.rules.rate-limit.max", "3"),
                    Map.entry("comments.rules.rate-limit.window", "10m"),
                    Map.entry("comments.rules.duplicates.enabled", "true"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
        }
    }

    static String newIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static ValidatableResponse post(String ip, String article, String email, String content) {
        Map<String, Object> body = new java.util.HashMap<>(valid());
        body.put("authorEmail", email);
        body.put("content", content);
        return given().urlEncodingEnabled(false).header("X-Forwarded-For", ip).contentType("application/json").body(body)
                .post(path(article)).then();
    }

    static String email() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void refusesASecondCommentFromTheSameAddressWithinTheIntervalAndAllowsItAfter() {
        String ip = newIp();
        String article = newArticle();
        post(ip, article, email(), "first").statusCode(202);
        post(ip, article, email(), "second").statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[12]"))
                .body("type", equalTo("urn:commentdesk:problem:too-many-requests"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> post(ip, article, email(), "second").extract().statusCode() == 202);
        // The address's gate existed before this comment: stamped again, it holds the next one back.
        post(ip, article, email(), "third").statusCode(429);
    }

    @Test
    void refusesASecondCommentFromTheSameEmailOnAnotherAddress() {
        String email = email();
        String article = newArticle();
        double floods = Metrics.value(FLOODS);
        post(newIp(), article, email, "first").statusCode(202);
        var refused = post(newIp(), article, email, "second").statusCode(429).extract();
        // Refused on a writer thread, answered with the request's own id.
        assertThat(refused.jsonPath().getString("requestId")).isNotBlank().isEqualTo(refused.header("X-Request-Id"));
        assertThat(Metrics.value(FLOODS)).isEqualTo(floods + 1);
    }

    @Test
    void allowsMaxCommentsPerAddressPerWindowAndRefusesOneMore() {
        String ip = newIp();
        String article = newArticle();
        for (int i = 0; i < 3; i++) {
            int n = i;
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> post(ip, article, email(), "comment " + n).extract().statusCode() == 202);
        }
        await().atLeast(Duration.ofMillis(1900)).atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(2100))
                .until(() -> true);
        String newcomer = email();
        var refused = post(ip, article, newcomer, "one too many").statusCode(429).extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(500L, 600L);
        assertThat(refused.jsonPath().getString("detail")).contains("Too many comments");
        // The refused comment was not posted: its author's first comment from elsewhere is no flood.
        post(newIp(), article, newcomer, "from home").statusCode(202);
    }

    @Test
    void refusesADuplicateWithWordPresssWording() {
        String email = email();
        String article = newArticle();
        post(newIp(), article, email, "Same words.").statusCode(202);
        await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(5)).until(() -> true);
        double duplicates = Metrics.value(DUPLICATES);
        var refused = post(newIp(), article, email, "  Same words.  ").statusCode(409)
                .body("detail", containsString("it looks as though you've already said that!"))
                .body("type", equalTo("urn:commentdesk:problem:duplicate-comment")).extract();
        assertThat(refused.jsonPath().getString("requestId")).isNotBlank().isEqualTo(refused.header("X-Request-Id"));
        assertThat(Metrics.value(DUPLICATES)).isEqualTo(duplicates + 1);
        post(newIp(), newArticle(), email, "Same words.").statusCode(202); // elsewhere it is not a duplicate
    }

    @Test
    void takesTheFloodAndRateNumbersFromTheAdminSettings() {
        String boss = io.commentdesk.support.Tokens.admin("boss");
        Map<String, Object> tight = Map.of("disallowedTerms", java.util.List.of(), "holdTerms", java.util.List.of(), "maxLinks", 2,
                "trusted", Map.of("enabled", false, "minApproved", 1),
                "limits", Map.of("floodIntervalSeconds", 0, "rateLimitMax", 1, "rateLimitWindowSeconds", 600));
        String etag = io.commentdesk.support.Tokens.as(boss).get("/api/v1/admin/settings").then().extract().header("ETag");
        io.commentdesk.support.Tokens.as(boss).header("If-Match", etag).body(tight).put("/api/v1/admin/settings").then().statusCode(200);
        try {
            String ip = newIp();
            String article = newArticle();
            post(ip, article, email(), "first").statusCode(202);
            post(ip, article, email(), "second").statusCode(429).body("detail", containsString("Too many comments"));
        } finally {
            Map<String, Object> back = new java.util.HashMap<>(tight);
            back.put("limits", Map.of("floodIntervalSeconds", 2, "rateLimitMax", 3, "rateLimitWindowSeconds", 600));
            String now = io.commentdesk.support.Tokens.as(boss).get("/api/v1/admin/settings").then().extract().header("ETag");
            io.commentdesk.support.Tokens.as(boss).header("If-Match", now).body(back).put("/api/v1/admin/settings").then()
                    .statusCode(200);
        }
    }

    @Test
    void takesTheClientAddressFromXForwardedForOnlyBehindATrustedProxy() {
        String ip = newIp();
        long id = post(ip, newArticle(), email(), "via proxy").statusCode(202).extract().jsonPath().getLong("id");
        io.commentdesk.support.Tokens.as(io.commentdesk.support.Tokens.moderator("jane")).get("/api/v1/moderation/comments/" + id)
                .then().statusCode(200).body("ipAddress", equalTo(ip));
    }

    @Test
    void takesTheAddressTheTrustedProxySawNotWhatTheClientPutInFrontOfIt() {
        String real = newIp();
        String jane = io.commentdesk.support.Tokens.moderator("jane");
        String article = newArticle();
        // The proxy appends the address it saw to whatever X-Forwarded-For the client sent.
        long id = post(newIp() + ", " + real, article, email(), "spoofed first hop").statusCode(202)
                .extract().jsonPath().getLong("id");
        io.commentdesk.support.Tokens.as(jane).get("/api/v1/moderation/comments/" + id).then().statusCode(200)
                .body("ipAddress", equalTo(real));
        // A new made-up first hop each time does not get the same sender past the flood rule.
        post(newIp() + ", " + real, article, email(), "spoofed second hop").statusCode(429);
        // Trusted proxies in the chain (here 127.0.0.1) are skipped: the client is the hop before them.
        String behindTwo = newIp();
        long viaTwo = post("1.2.3.4, " + behindTwo + ", 127.0.0.1", newArticle(), email(), "two proxies").statusCode(202)
                .extract().jsonPath().getLong("id");
        io.commentdesk.support.Tokens.as(jane).get("/api/v1/moderation/comments/" + viaTwo).then().statusCode(200)
                .body("ipAddress", equalTo(behindTwo));
    }
}
