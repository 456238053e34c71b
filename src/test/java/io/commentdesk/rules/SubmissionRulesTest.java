package io.commentdesk.rules;

import static io.commentdesk.support.Submissions.form;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.valid;
import static io.commentdesk.support.Submissions.validForm;
import static io.commentdesk.support.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Honeypot, Idempotency-Key, and the client address when no proxy is trusted (the default). */
@QuarkusTest
class SubmissionRulesTest {

    @Inject
    Db db;

    private static io.restassured.response.ValidatableResponse post(String article, Map<String, Object> body, String key) {
        var spec = given().urlEncodingEnabled(false).contentType("application/json").body(body);
        if (key != null) {
            spec.header("Idempotency-Key", key);
        }
        return spec.post(path(article)).then();
    }

    @Test
    void storesAFilledHoneypotAsSpamWhileAnsweringLikeSuccess() {
        String article = newArticle();
        Map<String, Object> body = new HashMap<>(valid());
        body.put("website2", "http://bot.example/");
        var answer = post(article, body, null).statusCode(202).body("status", equalTo("PENDING")).extract().jsonPath();
        long id = answer.getLong("id");
        given().queryParam("preview", answer.getString("previewToken")).get(path(article) + "/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING"));
        assertThat(db.row("SELECT status, hold_reasons FROM comment WHERE id = ?", id))
                .containsEntry("status", "SPAM").containsEntry("hold_reasons", "honeypot");
        var queue = as(Tokens.moderator("jane")).queryParam("status", "SPAM").queryParam("articleId", article)
                .get("/api/v1/moderation/comments").then().statusCode(200).extract().jsonPath();
        assertThat(queue.getList("items[0].reasons")).containsExactly("honeypot");

        Map<String, String> fields = validForm();
        fields.put("website2", "filled by a bot");
        form(fields).post(path(article)).then().statusCode(202);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ? AND status = 'SPAM'", article)).isEqualTo(2);
    }

    @Test
    void answersTheSameKeyAndBodyWithTheFirstAnswerAndStoresNothingNew() {
        String article = newArticle();
        String key = UUID.randomUUID().toString();
        long first = post(article, valid(), key).statusCode(202).extract().jsonPath().getLong("id");
        long again = post(article, valid(), key).statusCode(202).extract().jsonPath().getLong("id");
        assertThat(again).isEqualTo(first);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(1);

        Map<String, Object> other = new HashMap<>(valid());
        other.put("content", "Something else entirely");
        post(article, other, key).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:commentdesk:problem:idempotency-key-reused"));
        post(article, other, UUID.randomUUID().toString()).statusCode(202);
    }

    @Test
    void makesOneCommentOfADoubleClick() throws Exception {
        String article = newArticle();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Long>> clicks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clicks.add(() -> post(article, valid(), key).statusCode(202).extract().jsonPath().getLong("id"));
        }
        List<Long> ids = new ArrayList<>();
        for (Future<Long> f : pool.invokeAll(clicks)) {
            ids.add(f.get());
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(1);
    }

    @Test
    void ignoresXForwardedForFromAnUntrustedPeer() {
        long id = given().urlEncodingEnabled(false).header("X-Forwarded-For", "203.0.113.9").contentType("application/json")
                .body(valid()).post(path(newArticle())).then().statusCode(202).extract().jsonPath().getLong("id");
        as(Tokens.moderator("jane")).get("/api/v1/moderation/comments/" + id).then().statusCode(200)
                .body("ipAddress", equalTo("127.0.0.1"));
    }
}
