package io.commentdesk.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.junit.jupiter.api.Test;

import io.commentdesk.privacy.FieldCipher;
import io.commentdesk.privacy.LookupHasher;
import io.commentdesk.privacy.PrivacyKeys;
import io.commentdesk.support.Keys;
import io.commentdesk.support.Replica;
import io.commentdesk.support.Tokens;

/**
 * The packaged jar under a 64 MB heap exports an address with 100,000 comments of 1,000 characters
 * each (over 100 MB of JSON): only a streamed export, read and written page by page, can.
 */
class LargeExportIT {

    static final int COMMENTS = 100_000;

    @Test
    void exportsOneHundredThousandCommentsUnderASmallHeap() throws Exception {
        Map<String, String> env = Replica.withModeratorsBehindAProxy(Replica.productionEnvironment(Replica.freePort()));
        String key = env.get("COMMENTS_EMAIL_KEY");
        String hashKey = env.get("COMMENTS_EMAIL_HASH_KEY");
        PrivacyKeys keys = Keys.keys(key, env.get("COMMENTS_EMAIL_KEY_ID"), hashKey, env.get("COMMENTS_EMAIL_HASH_KEY_ID"));
        FieldCipher cipher = new FieldCipher(keys);
        String email = "big-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String article = "big-export-" + UUID.randomUUID();
        try (Replica replica = Replica.start("large-export", env, List.of("-Xmx64m", "-XX:+UseSerialGC")).awaitReady()) {
            try (Connection c = DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"), env.get("QUARKUS_DATASOURCE_USERNAME"),
                    env.get("QUARKUS_DATASOURCE_PASSWORD"));
                    PreparedStatement insert = c.prepareStatement("INSERT INTO comment (id, article_id, status, author_name, content, "
                            + "email_sealed, email_hash, ip_sealed, user_agent_sealed, created_at, updated_at, version) "
                            + "SELECT ? + g,  ?, 'PENDING', 'Ana Lima', repeat('x', 1000), ?, ?, ?, ?, now(), now(), 0 "
                            + "FROM generate_series(1, " + COMMENTS + ") g")) {
                // Far above any id the service hands out, so these rows meet nobody else's.
                insert.setLong(1, 8_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1_000_000L);
                insert.setString(2, article);
                insert.setString(3, cipher.seal(FieldCipher.Purpose.EMAIL, email));
                insert.setString(4, new LookupHasher(keys).emailHash(email));
                insert.setString(5, cipher.seal(FieldCipher.Purpose.IP_ADDRESS, "203.0.113.7"));
                insert.setString(6, cipher.seal(FieldCipher.Purpose.USER_AGENT, "Mozilla/5.0"));
                assertThat(insert.executeUpdate()).isEqualTo(COMMENTS);
            }
            HttpResponse<InputStream> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(replica.url("/api/v1/admin/privacy/exports"))).timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + Tokens.admin("boss-big"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Length")).as("streamed, not buffered").isEmpty();
            long comments = 0;
            long bytes = 0;
            long declared = -1;
            try (InputStream body = answer.body(); JsonParser json = new JsonFactory().createParser(body)) {
                int depth = 0;
                boolean inComments = false;
                for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        depth++;
                        if (depth == 3 && inComments && token == JsonToken.START_OBJECT) {
                            comments++;
                        }
                    } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                        depth--;
                        if (depth == 1) {
                            inComments = false;
                        }
                    } else if (token == JsonToken.FIELD_NAME && depth == 1) {
                        inComments = "comments".equals(json.currentName());
                        if ("commentCount".equals(json.currentName())) {
                            json.nextToken();
                            declared = json.getLongValue();
                        }
                    } else if (token == JsonToken.VALUE_STRING) {
                        bytes += json.getTextLength();
                    }
                }
            }
            assertThat(comments).isEqualTo(COMMENTS);
            assertThat(declared).isEqualTo(COMMENTS);
            assertThat(bytes).as("more text than the heap holds").isGreaterThan(100_000_000L);
            assertThat(replica.alive()).isTrue();
            assertThat(replica.output()).doesNotContain(email).doesNotContain("OutOfMemoryError");

            // The same address erased in 200 transactions of 500.
            HttpResponse<String> erased = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(replica.url("/api/v1/admin/privacy/erasures"))).timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + Tokens.admin("boss-big"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"mode\":\"DELETE\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(erased.statusCode()).isEqualTo(200);
            assertThat(erased.body()).isEqualTo("{\"comments\":" + COMMENTS + "}");
        } finally {
            // Whatever happened, leave the shared test database as it was.
            try (Connection c = DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"), env.get("QUARKUS_DATASOURCE_USERNAME"),
                    env.get("QUARKUS_DATASOURCE_PASSWORD")); PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM comment WHERE article_id = ?")) {
                delete.setString(1, article);
                delete.executeUpdate();
            }
        }
    }
}
