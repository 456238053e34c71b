package io.commentdesk.personaldata;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** On the embedded H2 database (one process, no advisory lock) the job's statements run as on PostgreSQL. */
@QuarkusTest
@TestProfile(RetentionEmbeddedTest.Embedded.class)
class RetentionEmbeddedTest {

    /** The embedded profile, its database file under target/. */
    public static class Embedded implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "embedded";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:h2:file:./target/h2-retention/commentdesk-" + ProcessHandle.current().pid()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "quarkus.http.test-port", "0",
                    "comments.privacy.retention-every", "off",
                    "comments.rules.flood.enabled", "false",
                    "comments.rules.duplicates.enabled", "false",
                    "smallrye.jwt.sign.key.location", "dev-jwt/privateKey.pem");
        }
    }

    @Inject
    RetentionJob retention;
    @Inject
    Db db;

    @Test
    void runsOnTheEmbeddedDatabase() {
        String article = newArticle();
        long kept = postJson(article, valid()).statusCode(202).extract().jsonPath().getLong("id");
        long rejected = postJson(article, valid()).statusCode(202).extract().jsonPath().getLong("id");
        db.update("UPDATE comment SET status = 'REJECTED' WHERE id = ?", rejected);
        db.update("INSERT INTO sender_gate (sender_key, last_at) VALUES (?, NULL)", "g".repeat(64));
        assertThat(db.row("SELECT ip_sealed FROM comment WHERE id = ?", kept).get("ip_sealed")).isNotNull();

        RetentionRun run = retention.run(Instant.now().plus(Duration.ofDays(31))).orElseThrow();

        assertThat(run.counts().ip()).isEqualTo(2);
        assertThat(run.counts().decided()).isEqualTo(1);
        assertThat(run.counts().gates()).isPositive();
        assertThat(db.row("SELECT ip_sealed, ip_hash, user_agent_sealed FROM comment WHERE id = ?", kept).values()).containsOnlyNulls();
        assertThat(db.count("SELECT count(*) FROM comment WHERE id = ?", rejected)).isZero();
    }
}
