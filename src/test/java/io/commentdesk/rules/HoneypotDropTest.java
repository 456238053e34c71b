package io.commentdesk.rules;

import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.path;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With COMMENTS_RULES_HONEYPOT_ACTION=drop, a bot's comment is answered like any other and not kept. */
@QuarkusTest
@TestProfile(HoneypotDropTest.Drop.class)
class HoneypotDropTest {

    public static class Drop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("comments.rules.honeypot.action", "drop");
        }
    }

    @Inject
    Db db;

    @Test
    void answersLikeSuccessAndStoresNothing() {
        String article = newArticle();
        Map<String, Object> body = new HashMap<>(valid());
        body.put("website2", "http://bot.example/");
        postJson(article, body).statusCode(202).header("Location", notNullValue()).body("status", equalTo("PENDING"))
                .body("id", notNullValue()).body("previewToken", notNullValue());
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isZero();
        postJson(article, valid()).statusCode(202);
        assertThat(db.count("SELECT count(*) FROM comment WHERE article_id = ?", article)).isEqualTo(1);
    }
}
