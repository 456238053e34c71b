package io.commentdesk.embedded;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Tokens.as;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.support.Comments;
import io.commentdesk.support.EventStream;
import io.commentdesk.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** The zero-setup default: the embedded profile starts on an H2 file database, migrates it and takes a comment. */
@QuarkusTest
@TestProfile(EmbeddedH2SmokeTest.Embedded.class)
class EmbeddedH2SmokeTest {

    static final Path DATA = Path.of("target", "h2-smoke");

    /** The README's embedded profile, with its database file under target/ instead of ./data. */
    public static class Embedded implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "embedded";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:h2:file:./" + DATA + "/commentdesk-" + ProcessHandle.current().pid()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "quarkus.http.test-port", "0",
                    // A reply follows its parent within seconds, from the same address.
                    "comments.rules.flood.enabled", "false",
                    "smallrye.jwt.sign.key.location", "dev-jwt/privateKey.pem");
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @TestHTTPResource("/api/v1/moderation/events")
    URI events;

    @Test
    void startsOnAnH2FileDatabaseAndAcceptsAComment() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
        assertThat(Files.list(DATA)).anyMatch(file -> file.getFileName().toString().endsWith(".mv.db"));
        given().get("/q/health/ready").then().statusCode(200);

        String token = Tokens.moderator("jane");
        EventStream stream = EventStream.open(events, token);
        stream.next(e -> e.isComment("connected"), Duration.ofSeconds(5));
        String article = newArticle();
        long id = postJson(article, valid()).statusCode(202).body("status", equalTo("PENDING")).extract().jsonPath().getLong("id");
        try (var connection = dataSource.getConnection();
                var st = connection.prepareStatement("SELECT status, email_sealed FROM comment WHERE id = ?")) {
            st.setLong(1, id);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("PENDING");
                assertThat(rs.getString(2)).doesNotContain("ana.lima");
            }
        }

        // A moderator's console hears of it in-process (no notices on H2), and the queue's context reads work there too.
        try (stream) {
            stream.next(e -> e.is("new") && e.ids().contains(id), Duration.ofSeconds(5));
            as(token).queryParam("status", "HELD").get("/api/v1/moderation/comments").then().statusCode(200);
            as(token).get("/api/v1/moderation/stats").then().statusCode(200).body("held", equalTo(0));
            as(token).get("/api/v1/moderation/comments/" + id + "/author").then().statusCode(200).body("counts.PENDING", equalTo(1));

            // A moderator's decision (row locks, revision upsert) and the readers' list work on H2 too.
            as(token).body(Map.of("limit", 5)).post("/api/v1/moderation/claims").then().statusCode(200);
            stream.next(e -> e.is("claimed") && e.ids().contains(id), Duration.ofSeconds(5));
            Comments.decide(token, id, 0, "APPROVE").statusCode(200);
            stream.next(e -> e.is("decided") && e.ids().contains(id), Duration.ofSeconds(5));
            given().get(path(article)).then().statusCode(200).body("items[0].id", equalTo((int) id)).body("total", equalTo(1));
            long answer = postJson(article, Map.of("authorName", "Bo", "authorEmail", "bo@example.com", "content", "🙂 Agreed.",
                    "parentId", id)).statusCode(202).extract().jsonPath().getLong("id");
            as(token).queryParam("articleId", article).get("/api/v1/moderation/comments").then().statusCode(200)
                    .body("items[0].id", equalTo((int) answer)).body("items[0].parent.excerpt", equalTo("Rare earths are only half the story."));
        }
    }

    @Test
    void listensOnThisMachineOnly() throws IOException {
        // The profile's own setting, not the test mode's default: a jar packaged with this profile would
        // otherwise listen on every address, with its public keys.
        ConfigValue host = ConfigProvider.getConfig().getConfigValue("quarkus.http.host");
        assertThat(host.getValue()).isEqualTo("localhost");
        assertThat(host.getSourceName()).contains("application.properties");
        given().get("/q/health/live").then().statusCode(200);
        List<InetAddress> outside = NetworkInterface.networkInterfaces().filter(Unchecked::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
        for (InetAddress address : outside) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, RestAssured.port), 2000))
                        .as("reached on " + address).isInstanceOf(ConnectException.class);
            }
        }
    }

    private static final class Unchecked {
        static boolean up(NetworkInterface nic) {
            try {
                return nic.isUp();
            } catch (SocketException e) {
                return false;
            }
        }
    }
}
