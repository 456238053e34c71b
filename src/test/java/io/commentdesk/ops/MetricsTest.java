package io.commentdesk.ops;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

    @Test
    void everyMetricTheReadmeListsIsScraped() {
        // Touch the routes once, so their HTTP timers exist.
        postJson(newArticle(), valid()).statusCode(202);
        String scrape = scrape();
        for (String outcome : new String[] { "accepted", "approved", "held", "spam", "replayed", "invalid", "flood", "duplicate",
                "blocked", "closed", "unavailable", "failed" }) {
            assertThat(scrape).contains("commentdesk_submissions_total{outcome=\"" + outcome + "\"}");
        }
        for (String action : new String[] { "approve", "reject", "spam", "restore", "edit" }) {
            assertThat(scrape).contains("commentdesk_decisions_total{action=\"" + action + "\"}");
        }
        assertThat(scrape).contains("commentdesk_submission_batch_size_submissions_count", "commentdesk_submission_batch_size_submissions_max",
                "commentdesk_submission_batch_duration_seconds_count", "commentdesk_submission_batch_duration_seconds_max",
                "agroal_active_count", "agroal_awaiting_count", "commentdesk_queue_pending ",
                "commentdesk_queue_oldest_pending_age_seconds ", "commentdesk_notices_listening 1.0",
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"202\",uri=\"/api/v1/articles/{articleId}/comments\"}");
    }

    @Test
    void countsEachSubmissionByHowItEndedAndEachDecisionOnceCommitted() {
        double accepted = value("commentdesk_submissions_total{outcome=\"accepted\"}");
        double invalid = value("commentdesk_submissions_total{outcome=\"invalid\"}");
        double spam = value("commentdesk_submissions_total{outcome=\"spam\"}");
        double approvals = value("commentdesk_decisions_total{action=\"approve\"}");
        double batches = value("commentdesk_submission_batch_size_submissions_count");

        String article = newArticle();
        long id = Comments.submit(article);
        postJson(article, with("authorEmail", "not-an-address")).statusCode(400);
        given().contentType("application/json").body("{\"authorName\":").post(io.commentdesk.support.Submissions.path(article))
                .then().statusCode(400);
        postJson(article, with("website2", "I am a bot")).statusCode(202);
        Comments.approve(MODERATOR, id);
        // Deciding again changes nothing and is not counted.
        Comments.decide(MODERATOR, id, Comments.version(MODERATOR, id), "APPROVE").statusCode(200);

        String scrape = scrape();
        assertThat(value(scrape, "commentdesk_submissions_total{outcome=\"accepted\"}")).isEqualTo(accepted + 1);
        assertThat(value(scrape, "commentdesk_submissions_total{outcome=\"invalid\"}")).isEqualTo(invalid + 2);
        assertThat(value(scrape, "commentdesk_submissions_total{outcome=\"spam\"}")).isEqualTo(spam + 1);
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
        given().get(io.commentdesk.support.Submissions.path(article)).then().statusCode(200);
        // A 4xx on no endpoint at all, with a path an attacker chose.
        given().get("/api/v1/" + article).then().statusCode(404);
        given().contentType("application/json").body("x".repeat(1_100_000)).post(io.commentdesk.support.Submissions.path(article))
                .then().statusCode(413);
        // A browser's preflight, answered before any endpoint matched (its origin is this service's own).
        given().header("Host", "comments.example").header("Origin", "http://comments.example")
                .header("Access-Control-Request-Method", "POST").options(io.commentdesk.support.Submissions.path(article))
                .then().statusCode(200);
        String scrape = scrape();
        assertThat(scrape).doesNotContain(article).contains("uri=\"/api/v1/articles/{articleId}/comments\"", "uri=\"/UNMATCHED\"");
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metric) {
        return value(scrape(), metric);
    }

    private static double value(String scrape, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + " ([0-9.eE+-]+|NaN)$").matcher(scrape);
        assertThat(m.find()).as(metric + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
