package io.commentdesk.ops;

import static io.commentdesk.support.Metrics.scrape;
import static io.commentdesk.support.Metrics.value;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.with;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Comments;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** What ops scrape at /q/metrics: every metric the README lists, moving with what the service does, by route template. */
@QuarkusTest
class MetricsTest {

    private static final String MODERATOR = Tokens.moderator("metrics-jane");
    private static final String BOSS = Tokens.admin("metrics-boss");

    @Test
    void everyMetricTheReadmeListsIsScraped() throws IOException {
        // Touch the routes once, so their HTTP timers exist.
        postJson(newArticle(), valid()).statusCode(202);
        String scrape = scrape();
        List<String> listed = readmeMetrics();
        assertThat(listed).hasSizeGreaterThanOrEqualTo(13).contains("commentdesk_key_rotation_rows_total", "commentdesk_moderation_streams");
        for (String name : listed) {
            assertThat(scrape).as("the README's " + name).containsPattern("(?m)^" + Pattern.quote(name) + "(_count)?[{ ]");
        }
        for (String outcome : new String[] { "accepted", "approved", "held", "spam", "replayed", "invalid", "flood", "duplicate",
                "blocked", "closed", "unavailable", "failed" }) {
            assertThat(scrape).contains("commentdesk_submissions_total{outcome=\"" + outcome + "\"}");
        }
        for (String action : new String[] { "approve", "reject", "spam", "restore", "edit" }) {
            assertThat(scrape).contains("commentdesk_decisions_total{action=\"" + action + "\"}");
        }
        assertThat(scrape).contains("commentdesk_submission_batch_size_submissions_count", "commentdesk_submission_batch_size_submissions_max",
                "commentdesk_submission_batch_duration_seconds_count", "commentdesk_submission_batch_duration_seconds_max",
                "agroal_active_count", "agroal_awaiting_count", "commentdesk_notices_listening 1.0",
                "commentdesk_key_rotation_rows_total{work=\"resealed\"}", "commentdesk_key_rotation_rows_total{work=\"rehashed\"}",
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"202\",uri=\"/api/v1/articles/{articleId}/comments\"}");
    }

    @Test
    void countsEachSubmissionByHowItEndedAndEachDecisionOnceCommitted() {
        Map<String, Double> before = outcomes();
        double approvals = value("commentdesk_decisions_total{action=\"approve\"}");
        double batches = value("commentdesk_submission_batch_size_submissions_count");

        String article = newArticle();
        long id = Comments.submit(article);
        postJson(article, with("authorEmail", "not-an-address")).statusCode(400);
        given().contentType("application/json").body("{\"authorName\":").post(path(article)).then().statusCode(400);
        // Refused before the resource: too large (a precheck), and Content-Types no method consumes (the framework).
        given().contentType("application/json").body("x".repeat(1_100_000)).post(path(article)).then().statusCode(413);
        given().body("{}".getBytes(StandardCharsets.UTF_8)).post(path(article)).then().statusCode(415);
        given().contentType("text/plain").body("Hello").post(path(article)).then().statusCode(415);
        postJson(article, with("website2", "I am a bot")).statusCode(202);
        postJson(article, with("content", "See https://a.example/1 and https://b.example/2 and https://c.example/3"))
                .statusCode(202).body("status", equalTo("PENDING"));

        String closed = newArticle();
        as(BOSS).body(Map.of("title", "Closed", "url", "https://news.example.org/closed", "commentsOpen", false))
                .put("/api/v1/admin/articles/" + closed).then().statusCode(201);
        postJson(closed, valid()).statusCode(403);
        String blocked = "metrics-blocked-" + UUID.randomUUID() + "@example.com";
        long block = as(BOSS).body(Map.of("email", blocked)).post("/api/v1/admin/blocks").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        try {
            postJson(article, with("authorEmail", blocked)).statusCode(403);
        } finally {
            as(BOSS).delete("/api/v1/admin/blocks/" + block).then().statusCode(204);
        }

        Comments.approve(MODERATOR, id);
        // Deciding again changes nothing and is not counted.
        Comments.decide(MODERATOR, id, Comments.version(MODERATOR, id), "APPROVE").statusCode(200);

        String scrape = scrape();
        Map<String, Double> after = outcomes(scrape);
        Map<String, Double> counted = new HashMap<>();
        after.forEach((outcome, n) -> {
            if (n - before.get(outcome) != 0) {
                counted.put(outcome, n - before.get(outcome));
            }
        });
        // Each of the ten submissions under exactly one outcome.
        assertThat(counted).isEqualTo(Map.of("accepted", 1.0, "invalid", 5.0, "spam", 1.0, "held", 1.0, "closed", 1.0, "blocked", 1.0));
        assertThat(value(scrape, "commentdesk_decisions_total{action=\"approve\"}")).isEqualTo(approvals + 1);
        assertThat(value(scrape, "commentdesk_submission_batch_size_submissions_count")).isGreaterThanOrEqualTo(batches + 2);
    }

    @Test
    void theQueueGaugesSayHowManyWaitAndHowLongTheOldestHas() {
        Comments.submit(newArticle());
        // Read in the background at most every 10 s: the first scrape may still show the previous reading.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(value(scrape, "commentdesk_queue_pending")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "commentdesk_queue_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void httpTimingsAreTaggedByRouteTemplateNeverByRawPath() {
        String article = "metrics-raw-" + UUID.randomUUID();
        postJson(article, valid()).statusCode(202);
        given().get(path(article)).then().statusCode(200);
        // A 4xx on no endpoint at all, with a path an attacker chose.
        given().get("/api/v1/" + article).then().statusCode(404);
        given().contentType("application/json").body("x".repeat(1_100_000)).post(path(article))
                .then().statusCode(413);
        // A browser's preflight, answered before any endpoint matched (its origin is this service's own).
        given().header("Host", "comments.example").header("Origin", "http://comments.example")
                .header("Access-Control-Request-Method", "POST").options(path(article))
                .then().statusCode(200);
        String scrape = scrape();
        assertThat(scrape).doesNotContain(article).contains("uri=\"/api/v1/articles/{articleId}/comments\"", "uri=\"/UNMATCHED\"");
    }

    /** The metric names of the README's table (its first column). */
    private static List<String> readmeMetrics() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Metrics"), readme.indexOf("### Logs"));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `(commentdesk_[a-z_]+)`").matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<String, Double> outcomes() {
        return outcomes(scrape());
    }

    private static Map<String, Double> outcomes(String scrape) {
        Map<String, Double> outcomes = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^commentdesk_submissions_total\\{outcome=\"([a-z]+)\"} ([0-9.eE+-]+)$").matcher(scrape);
        while (m.find()) {
            outcomes.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(outcomes).hasSize(12);
        return outcomes;
    }
}
