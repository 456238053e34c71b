package io.commentdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Replica;

/** The packaged jar as ops run it: prod profile, configured only through environment variables. */
class PackagedJarIT {

    @Test
    void servesTheProdProfileOnPostgresConfiguredOnlyThroughTheEnvironment() throws Exception {
        Map<String, String> env = Replica.productionEnvironment(Replica.freePort());
        // Both posts come from 127.0.0.1 within seconds; switched off as documented, as a load test would.
        env.put("COMMENTS_RULES_FLOOD_ENABLED", "false");
        try (Replica replica = Replica.start("prod", env).awaitReady()) {
            String local = "jar" + UUID.randomUUID().toString().substring(0, 8);
            String path = "/api/v1/articles/jar-it/comments";
            HttpResponse<String> json = replica.postJson(path,
                    "{\"authorName\":\"Ana\",\"authorEmail\":\"" + local + "@example.com\",\"content\":\"From the jar\"}", Map.of());
            assertThat(json.statusCode()).isEqualTo(202);
            assertThat(json.body()).contains("\"status\":\"PENDING\"").doesNotContain(local);

            HttpResponse<String> form = Replica.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(replica.url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Referer", "https://news.example.com/story")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("author=Bo&email=" + local + "%40example.com&comment=Hi"))
                    .build());
            assertThat(form.statusCode()).isEqualTo(303);
            assertThat(form.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).startsWith("https://news.example.com/story?unapproved=").contains("#comment-"));
            assertThat(replica.output()).contains("Profile prod activated").doesNotContain(local);
            // Swagger UI is off in production unless ops switch it on; the contract stays published.
            assertThat(replica.get("/q/swagger-ui/", Map.of()).statusCode()).isEqualTo(404);
            assertThat(replica.get("/q/openapi", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartWithoutItsKeysAndSaysWhich() throws Exception {
        Map<String, String> env = Replica.productionEnvironment(Replica.freePort());
        env.remove("COMMENTS_EMAIL_KEY");
        env.remove("COMMENTS_EMAIL_HASH_KEY");
        try (Replica replica = Replica.start("no-keys", env)) {
            assertThat(replica.exitOutput()).contains("COMMENTS_EMAIL_KEY is not set");
        }
    }

    @Test
    void refusesToStartWithoutADatabaseRatherThanFallingBackToAnEmbeddedOne() throws Exception {
        Map<String, String> env = Replica.productionEnvironment(Replica.freePort());
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        try (Replica replica = Replica.start("no-database", env)) {
            assertThat(replica.exitOutput()).contains("quarkus.datasource.jdbc.url");
        }
    }
}
