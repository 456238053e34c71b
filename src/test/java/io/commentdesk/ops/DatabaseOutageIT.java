package io.commentdesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.commentdesk.support.Replica;
import io.commentdesk.support.TcpProxy;
import io.commentdesk.support.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The packaged jar while its database is gone (a relay in front of PostgreSQL cut, then restored):
 * submissions and moderation get a quick 503 problem with Retry-After, readers keep their cached
 * lists, readiness says so, and everything recovers by itself.
 */
class DatabaseOutageIT {

    @Test
    void answers503QuicklyKeepsServingReadersAndRecoversByItself() throws Exception {
        try (TcpProxy database = TcpProxy.start("127.0.0.1", 5432)) {
            Map<String, String> env = Replica.withModeratorsBehindAProxy(Replica.productionEnvironment(Replica.freePort()));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + database.port + "/test");
            env.put("COMMENTS_RULES_FLOOD_ENABLED", "false");
            env.put("COMMENTS_RULES_RATE_LIMIT_ENABLED", "false");
            PrivateKey key = KeyUtils.readPrivateKey("dev-jwt/privateKey.pem");
            String moderator = Jwt.issuer(Tokens.ISSUER).subject("jane").groups(Set.of("moderator")).sign(key);
            Map<String, String> asModerator = Map.of("Authorization", "Bearer " + moderator);
            try (Replica replica = Replica.start("outage", env).awaitReady()) {
                String article = "outage-" + UUID.randomUUID();
                String path = "/api/v1/articles/" + article + "/comments";
                HttpResponse<String> stored = replica.postJson(path, comment("before"), Map.of());
                assertThat(stored.statusCode()).isEqualTo(202);
                long id = Long.parseLong(stored.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
                assertThat(replica.postJson("/api/v1/moderation/comments/" + id + "/decision", "{\"action\":\"APPROVE\"}",
                        Map.of("Authorization", "Bearer " + moderator, "If-Match", "\"0\"")).statusCode()).isEqualTo(200);
                HttpResponse<String> list = replica.get(path, Map.of());
                assertThat(list.statusCode()).isEqualTo(200);
                String etag = list.headers().firstValue("ETag").orElseThrow();

                database.cut();
                long cutAt = System.nanoTime();
                String email = "gone-" + UUID.randomUUID() + "@example.com";
                assertUnavailableWithinTwoSeconds(replica.postJson(path,
                        "{\"authorName\":\"Ana\",\"authorEmail\":\"" + email + "\",\"content\":\"during\"}", Map.of()), cutAt, email);
                long queueAt = System.nanoTime();
                assertUnavailableWithinTwoSeconds(replica.get("/api/v1/moderation/comments?articleId=" + article, asModerator), queueAt, email);

                // Not ready within 5 s, the database's own check saying so; the process itself stays live.
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> replica.get("/q/health/ready", Map.of()).statusCode() == 503);
                assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).isLessThan(Duration.ofSeconds(5));
                assertThat(checks(replica.get("/q/health/ready", Map.of()).body())).containsEntry("Database connections health check", "DOWN");
                assertThat(replica.get("/q/health/live", Map.of()).statusCode()).isEqualTo(200);

                // Readers: the list this replica holds, from memory, while the database is gone.
                HttpResponse<String> cached = replica.get(path, Map.of());
                assertThat(cached.statusCode()).isEqualTo(200);
                assertThat(cached.body()).isEqualTo(list.body());
                assertThat(replica.get(path, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

                // Many at once: each is answered quickly, none waits for the others (no pile-up of threads).
                ExecutorService clients = Executors.newFixedThreadPool(32);
                try {
                    List<Future<Long>> burst = new ArrayList<>();
                    for (int i = 0; i < 64; i++) {
                        int n = i;
                        burst.add(clients.submit(() -> {
                            long start = System.nanoTime();
                            HttpResponse<String> answer = replica.postJson(path, comment("burst " + n), Map.of());
                            assertThat(answer.statusCode()).isEqualTo(503);
                            return (System.nanoTime() - start) / 1_000_000;
                        }));
                    }
                    for (Future<Long> millis : burst) {
                        assertThat(millis.get()).isLessThan(2000);
                    }
                } finally {
                    clients.shutdownNow();
                }

                database.restore();
                long backAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> replica.get("/q/health/ready", Map.of()).statusCode() == 200);
                assertThat(Duration.ofNanos(System.nanoTime() - backAt)).isLessThan(Duration.ofSeconds(10));
                assertThat(checks(replica.get("/q/health/ready", Map.of()).body()))
                        .containsEntry("Database connections health check", "UP").containsEntry("change-notices", "UP");
                assertThat(replica.postJson(path, comment("after"), Map.of()).statusCode()).isEqualTo(202);
                assertThat(replica.get("/api/v1/moderation/comments?articleId=" + article, asModerator).statusCode()).isEqualTo(200);

                String metrics = replica.get("/q/metrics", Map.of()).body();
                assertThat(metrics).containsPattern("commentdesk_submissions_total\\{outcome=\"unavailable\"} (6[5-9]|[7-9]\\d|\\d{3,})")
                        .contains("commentdesk_notices_listening 1.0");
                assertThat(replica.output()).doesNotContain(email).doesNotContain("Exception in");
            }
        }
    }

    private static void assertUnavailableWithinTwoSeconds(HttpResponse<String> answer, long sentAt, String email) {
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(answer.body()).contains("urn:commentdesk:problem:service-unavailable").doesNotContain(email)
                .contains("\"requestId\":\"" + answer.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
    }

    /** Each check of a health answer, by name: its status. */
    private static Map<String, String> checks(String health) throws IOException {
        Map<String, String> checks = new HashMap<>();
        for (JsonNode check : new ObjectMapper().readTree(health).path("checks")) {
            checks.put(check.path("name").asText(), check.path("status").asText());
        }
        return checks;
    }

    private static String comment(String content) {
        return "{\"authorName\":\"Ana\",\"authorEmail\":\"r" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com\",\"content\":\"" + content + " " + UUID.randomUUID() + "\"}";
    }
}
