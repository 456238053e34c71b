package io.commentdesk.embedded;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Tokens.as;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.support.Comments;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

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
                    "smallrye.jwt.sign.key.location", "dev-jwt/privateKey.pem");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void startsOnAnH2FileDatabaseAndAcceptsAComment() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
        assertThat(Files.list(DATA)).anyMatch(file -> file.getFileName().toString().endsWith(".mv.db"));
        given().get("/q/health/ready").then().statusCode(200);

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

        // A moderator's decision (row locks, revision upsert) and the readers' list work on H2 too.
        String token = Tokens.moderator("jane");
        as(token).body(Map.of("limit", 5)).post("/api/v1/moderation/claims").then().statusCode(200);
        Comments.decide(token, id, 0, "APPROVE").statusCode(200);
        given().get(path(article)).then().statusCode(200).body("items[0].id", equalTo((int) id)).body("total", equalTo(1));
    }
}
