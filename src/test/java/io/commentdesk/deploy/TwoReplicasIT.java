package io.commentdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.commentdesk.support.Replica;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Two packaged replicas on one PostgreSQL, as ops run them: every rule and every cache decision is
 * shared through the database, so what happens on one is enforced or seen on the other at once.
 */
class TwoReplicasIT {

    static final String ISSUER = "https://comment-desk.dev/embedded";
    static Replica a;
    static Replica b;
    static String admin;
    static String moderator;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Map<String, String> shared = new HashMap<>(Replica.productionEnvironment(0));
        shared.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/main/resources/dev-jwt/publicKey.pem").toAbsolutePath().toString());
        shared.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        shared.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        shared.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        shared.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        shared.put("COMMENTS_RULES_FLOOD_INTERVAL", "15s");
        shared.put("COMMENTS_RULES_RATE_LIMIT_MAX", "20");
        a = Replica.startOnFreePort("replica-a", shared);
        b = Replica.startOnFreePort("replica-b", shared);
        a.awaitReady();
        b.awaitReady();
        PrivateKey key = KeyUtils.readPrivateKey("dev-jwt/privateKey.pem");
        admin = Jwt.issuer(ISSUER).subject("boss").groups(Set.of("admin")).sign(key);
        moderator = Jwt.issuer(ISSUER).subject("jane").groups(Set.of("moderator")).sign(key);
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    static String ip() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static String comment(String email, String content) {
        return "{\"authorName\":\"Ana\",\"authorEmail\":\"" + email + "\",\"content\":\"" + content + "\"}";
    }

    static String email() {
        return "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String article() {
        return "two-replicas-" + UUID.randomUUID();
    }

    @Test
    void aFloodOnOneReplicaIsRefusedOnTheOther() throws Exception {
        String ip = ip();
        String path = "/api/v1/articles/" + article() + "/comments";
        assertThat(a.postJson(path, comment(email(), "one"), Map.of("X-Forwarded-For", ip)).statusCode()).isEqualTo(202);
        HttpResponse<String> second = b.postJson(path, comment(email(), "two"), Map.of("X-Forwarded-For", ip));
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aBlockMadeOnOneReplicaHoldsOnTheOther() throws Exception {
        // B has the blocklist in memory before A changes it...
        assertThat(b.postJson("/api/v1/articles/" + article() + "/comments", comment(email(), "hello"),
                Map.of("X-Forwarded-For", ip())).statusCode()).isEqualTo(202);
        // A whole /24 is blocked on A, so each try on B can come from a fresh address of it (no flood rule in the way).
        String range = ip().replaceAll("\\.\\d+$", "");
        HttpResponse<String> created = a.postJson("/api/v1/admin/blocks", "{\"ip\":\"" + range + ".0/24\"}",
                Map.of("Authorization", "Bearer " + admin));
        assertThat(created.statusCode()).isEqualTo(201);
        // ...and hears of the change by a notice, in milliseconds.
        AtomicInteger host = new AtomicInteger();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> b.postJson("/api/v1/articles/" + article() + "/comments", comment(email(), "hi"),
                        Map.of("X-Forwarded-For", range + "." + host.incrementAndGet())).statusCode() == 403);
    }

    @Test
    void anIdempotencyKeyMakesOneCommentAcrossReplicas() throws Exception {
        String path = "/api/v1/articles/" + article() + "/comments";
        String key = UUID.randomUUID().toString();
        String body = comment(email(), "double click");
        HttpResponse<String> first = a.postJson(path, body, Map.of("Idempotency-Key", key, "X-Forwarded-For", ip()));
        HttpResponse<String> again = b.postJson(path, body, Map.of("Idempotency-Key", key, "X-Forwarded-For", ip()));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(idOf(again.body())).isEqualTo(idOf(first.body()));
    }

    @Test
    void anApprovalOnOneReplicaChangesTheReadersEtagOnTheOtherWithinASecond() throws Exception {
        String article = article();
        String path = "/api/v1/articles/" + article + "/comments";
        long id = idOf(a.postJson(path, comment(email(), "approve me"), Map.of("X-Forwarded-For", ip())).body());
        HttpResponse<String> before = b.get(path, Map.of());
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertThat(b.get(path, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

        HttpResponse<String> approved = a.postJson("/api/v1/moderation/comments/" + id + "/decision", "{\"action\":\"APPROVE\"}",
                Map.of("Authorization", "Bearer " + moderator, "If-Match", "\"0\""));
        assertThat(approved.statusCode()).isEqualTo(200);
        // B answers from memory, and hears of A's decision by a PostgreSQL notice sent at commit.
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> b.get(path, Map.of("If-None-Match", etag)).statusCode() == 200);
        HttpResponse<String> after = b.get(path, Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"id\":" + id);
    }

    @Test
    void settingsChangedOnOneReplicaApplyOnTheOtherWithinSeconds() throws Exception {
        String term = "zq" + UUID.randomUUID().toString().substring(0, 6);
        String etag = a.get("/api/v1/admin/settings", Map.of("Authorization", "Bearer " + admin)).headers().firstValue("ETag")
                .orElseThrow();
        HttpResponse<String> put = Replica.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.url("/api/v1/admin/settings")))
                .header("Authorization", "Bearer " + admin).header("If-Match", etag).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"disallowedTerms\":[\"" + term + "\"],\"holdTerms\":[],"
                        + "\"maxLinks\":2,\"trusted\":{\"enabled\":false,\"minApproved\":1}}"))
                .build());
        assertThat(put.statusCode()).isEqualTo(200);
        String path = "/api/v1/articles/" + article() + "/comments";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> {
                    long id = idOf(b.postJson(path, comment(email(), "say " + term), Map.of("X-Forwarded-For", ip())).body());
                    HttpResponse<String> full = b.get("/api/v1/moderation/comments/" + id, Map.of("Authorization", "Bearer " + moderator));
                    return full.body().contains("\"status\":\"SPAM\"");
                });
    }

    private static long idOf(String json) {
        int at = json.indexOf("\"id\":") + 5;
        int end = at;
        while (Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }
}
