package io.commentdesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.commentdesk.support.Replica;
import io.commentdesk.support.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The packaged jar's own output under load, as a log collector would receive it: one JSON object a
 * line, one access line per request naming its route template and request id, and none of the
 * addresses, IPs, tokens or query strings the load sent, valid or refused.
 */
class LogPrivacyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void logsNoAddressIpOrTokenItWasSent() throws Exception {
        Map<String, String> env = Replica.withModeratorsBehindAProxy(Replica.productionEnvironment(Replica.freePort()));
        env.put("COMMENTS_RULES_FLOOD_ENABLED", "false");
        env.put("COMMENTS_RULES_RATE_LIMIT_ENABLED", "false");
        PrivateKey key = KeyUtils.readPrivateKey("dev-jwt/privateKey.pem");
        String moderator = Jwt.issuer(Tokens.ISSUER).subject("log-jane").groups(Set.of("moderator")).sign(key);
        String article = "logs-" + UUID.randomUUID();
        String path = "/api/v1/articles/" + article + "/comments";
        ConcurrentLinkedQueue<String> secrets = new ConcurrentLinkedQueue<>(List.of(moderator));
        // Every request the load sends, by its own request id: "method status" its access line must say.
        Map<String, String> sent = new ConcurrentHashMap<>();
        try (Replica replica = Replica.start("log-privacy", env).awaitReady()) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                int n = i;
                load.add(clients.submit(() -> {
                    String local = "priv" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    String email = local + "@example.com";
                    String ip = (n % 2 == 0 ? "198.51.100." : "203.0.113.") + (1 + n % 250);
                    String requestId = "log-it-" + n;
                    secrets.add(email);
                    secrets.add(local);
                    Map<String, String> headers = Map.of("X-Forwarded-For", ip, "X-Request-Id", requestId,
                            "User-Agent", "Agent-" + local);
                    HttpResponse<String> answer;
                    switch (n % 4) {
                        case 0 -> {
                            answer = replica.postJson(path, "{\"authorName\":\"Ana\",\"authorEmail\":\"" + email
                                    + "\",\"content\":\"Hello " + n + "\"}", headers);
                            assertThat(answer.statusCode()).isEqualTo(202);
                            sent.put(requestId, "POST 202");
                            JsonNode saved = JSON.readTree(answer.body());
                            String preview = saved.get("previewToken").asText();
                            secrets.add(preview);
                            assertThat(replica.get(path + "/" + saved.get("id").asLong() + "?preview="
                                    + URLEncoder.encode(preview, StandardCharsets.UTF_8), Map.of("X-Request-Id", requestId + "-preview"))
                                    .statusCode()).isEqualTo(200);
                            sent.put(requestId + "-preview", "GET 200");
                            // The moderator's audited read returns the address and IP; neither may reach the log.
                            assertThat(replica.get("/api/v1/moderation/comments/" + saved.get("id").asLong(),
                                    Map.of("Authorization", "Bearer " + moderator, "X-Request-Id", requestId + "-reveal")).statusCode())
                                    .isEqualTo(200);
                            sent.put(requestId + "-reveal", "GET 200");
                        }
                        case 1 -> {
                            // Refused: an address that is no address, and one in a body that is no JSON.
                            answer = replica.postJson(path, "{\"authorName\":\"Ana\",\"authorEmail\":\"" + local
                                    + "@localhost\",\"content\":\"x\"}", headers);
                            assertThat(answer.statusCode()).isEqualTo(400);
                            sent.put(requestId, "POST 400");
                            answer = replica.postJson(path, "{\"authorEmail\":\"" + email + "\", broken",
                                    Map.of("X-Forwarded-For", ip, "X-Request-Id", requestId + "-broken"));
                            assertThat(answer.statusCode()).isEqualTo(400);
                            sent.put(requestId + "-broken", "POST 400");
                        }
                        case 2 -> {
                            answer = Replica.send(HttpRequest.newBuilder(URI.create(replica.url(path)))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("X-Forwarded-For", ip).header("X-Request-Id", requestId)
                                    .header("Referer", "https://news.example.com/story?reader=" + local)
                                    .POST(HttpRequest.BodyPublishers.ofString("author=Bo&email=" + local + "%40example.com&comment=Hi+" + n))
                                    .build());
                            assertThat(answer.statusCode()).isEqualTo(303);
                            sent.put(requestId, "POST 303");
                        }
                        default -> {
                            // A token that is no token, and a reader's list with a query string.
                            String forged = "eyJ" + local;
                            secrets.add(forged);
                            assertThat(replica.get("/api/v1/moderation/comments", Map.of("Authorization", "Bearer " + forged,
                                    "X-Request-Id", requestId)).statusCode()).isEqualTo(401);
                            sent.put(requestId, "GET 401");
                            assertThat(replica.get(path + "?order=newest&limit=7&cursor=" + local,
                                    Map.of("X-Forwarded-For", ip, "X-Request-Id", requestId + "-list")).statusCode()).isEqualTo(400);
                            sent.put(requestId + "-list", "GET 400");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : load) {
                f.get();
            }
            clients.shutdown();
            // An access line is written as its response ends, which may be just after the client has read it.
            await().atMost(Duration.ofSeconds(5)).until(() -> replica.output().split("\"requestId\":\"log-it-", -1).length - 1 >= sent.size());
            String output = replica.output();
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            List<JsonNode> entries = new ArrayList<>();
            for (String line : lines) {
                entries.add(JSON.readTree(line)); // every line is one JSON object
            }
            for (String secret : secrets) {
                assertThat(output).as("the log holds something it was sent").doesNotContain(secret);
            }
            for (int i = 0; i < 250; i++) {
                assertThat(output).doesNotContain("198.51.100." + (i + 1) + "\"").doesNotContain("203.0.113." + (i + 1) + "\"")
                        .doesNotContain("198.51.100." + (i + 1) + ",").doesNotContain("203.0.113." + (i + 1) + " ");
            }
            assertThat(output).doesNotContainPattern("(198\\.51\\.100|203\\.0\\.113)\\.\\d").doesNotContain(article)
                    .doesNotContain("?preview=").doesNotContain("cursor=");
            List<JsonNode> access = entries.stream().filter(e -> "io.commentdesk.access".equals(e.path("loggerName").asText())).toList();
            assertThat(access).allSatisfy(e -> {
                JsonNode mdc = e.path("mdc");
                assertThat(mdc.path("route").asText()).matches("/[a-z0-9/{}A-Z-]*|UNMATCHED");
                assertThat(mdc.path("method").asText()).matches("[A-Z]+");
                assertThat(mdc.path("status").asText()).matches("[1-5][0-9][0-9]");
                assertThat(Double.parseDouble(mdc.path("durationMs").asText())).isNotNegative();
                assertThat(e.path("message").asText()).isEqualTo(mdc.path("method").asText() + " " + mdc.path("route").asText() + " "
                        + mdc.path("status").asText() + " " + mdc.path("durationMs").asText() + " ms " + mdc.path("requestId").asText());
            });
            // One line per request, saying what was asked and answered.
            Map<String, String> logged = new HashMap<>();
            for (JsonNode e : access) {
                String id = e.path("mdc").path("requestId").asText();
                if (id.startsWith("log-it-")) {
                    assertThat(logged.put(id, e.path("mdc").path("method").asText() + " " + e.path("mdc").path("status").asText()))
                            .as("a second access line for " + id).isNull();
                }
            }
            assertThat(sent).hasSize(480);
            assertThat(logged).isEqualTo(sent);
            assertThat(access.stream().map(e -> e.path("mdc").path("route").asText()))
                    .contains("/api/v1/articles/{articleId}/comments", "/api/v1/articles/{articleId}/comments/{id}",
                            "/api/v1/moderation/comments/{id}");
        }
    }
}
