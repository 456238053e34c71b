package io.commentdesk.privacy;

import static io.commentdesk.support.Submissions.approve;
import static io.commentdesk.support.Submissions.form;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.raw;
import static io.commentdesk.support.Submissions.validForm;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.commentdesk.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A reader's address goes in and never comes out: not in any answer, success or error, not in the
 * log (with the service's own and the REST layer's logging turned up to DEBUG), not in plain text
 * in any column of the table.
 */
@QuarkusTest
@TestProfile(EmailPrivacyTest.VerboseLogging.class)
class EmailPrivacyTest {

    /** Logs everything the service and the REST layer would write at DEBUG. */
    public static class VerboseLogging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.category.\"io.commentdesk\".level", "DEBUG",
                    "quarkus.log.category.\"org.jboss.resteasy.reactive\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.resteasy.reactive\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.rest\".level", "DEBUG",
                    "comments.allowed-origins", "https://news.example.com");
        }
    }

    @Inject
    Db db;

    private final List<ExtractableResponse<Response>> answers = new ArrayList<>();

    private static String everything(ExtractableResponse<Response> r) {
        return r.statusCode() + "\n" + r.headers() + "\n" + r.asString();
    }

    @Test
    void theAddressIsInNoAnswerNoLogLineAndNoColumn() {
        // No '-' or '.': a JSON tokenizer would quote the whole local part in its error message.
        String local = "private" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@example.com";
        String invalidEmail = local + "@localhost";
        String article = newArticle();

        try (LogCapture log = LogCapture.start()) {
            String canary = "canary-" + UUID.randomUUID();
            org.jboss.logging.Logger.getLogger("io.commentdesk.test").debug(canary);
            assertThat(log.text()).as("the capture sees DEBUG lines of the service's categories").contains(canary);

            Map<String, Object> body = new HashMap<>(Map.of("authorName", "Ana", "authorEmail", email, "content", "Hello"));
            answers.add(postJson(article, body).statusCode(202).extract());
            long id = answers.get(0).jsonPath().getLong("id");

            // Errors of every kind, each carrying the address.
            answers.add(postJson(article, Map.of("authorName", "Ana", "authorEmail", invalidEmail, "content", "Hello"))
                    .statusCode(400).extract());
            answers.add(postJson(article, Map.of("authorName", "", "authorEmail", email, "content", "")).statusCode(400).extract());
            answers.add(postJson(article, Map.of("authorName", "Ana", "authorEmail", email, "content", "x", "parentId", 1))
                    .statusCode(400).extract());
            answers.add(raw("application/json").body("{\"authorEmail\": \"" + email + "\", broken " + email)
                    .post(path(article)).then().statusCode(400).extract());
            answers.add(raw("application/json").body("{\"authorEmail\": " + email + "}").post(path(article)).then().statusCode(400)
                    .extract());
            answers.add(raw("application/json").body("{\"authorEmail\": \"" + email + "\", \"authorEmail\": \"" + email + "\"}")
                    .post(path(article)).then().statusCode(400).extract());
            answers.add(raw("text/plain").body(email).post(path(article)).then().statusCode(415).extract());

            Map<String, String> fields = validForm();
            fields.put("email", email);
            answers.add(form(fields).post(path(article)).then().statusCode(202).extract());
            fields.put("redirect_to", "https://news.example.com/story");
            answers.add(form(fields).post(path(article)).then().statusCode(303).extract());
            fields.put("email", invalidEmail);
            answers.add(form(fields).post(path(article)).then().statusCode(400).extract());

            approve(db, id);
            answers.add(given().get(path(article) + "/" + id).then().statusCode(200).extract());

            for (ExtractableResponse<Response> answer : answers) {
                assertThat(everything(answer)).doesNotContain(local);
            }
            assertThat(log.text()).doesNotContain(local);
        }
        assertThat(db.dumpComments()).doesNotContain(local).doesNotContain(email);
    }
}
