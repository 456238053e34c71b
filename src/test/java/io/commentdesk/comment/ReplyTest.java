package io.commentdesk.comment;

import static io.commentdesk.support.Submissions.approve;
import static io.commentdesk.support.Submissions.newArticle;
import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/** A reply names an approved comment of the same article, and nothing else. */
@QuarkusTest
class ReplyTest {

    @Inject
    Db db;

    private static long submit(String article) {
        return postJson(article, io.commentdesk.support.Submissions.valid()).statusCode(202).extract().jsonPath().getLong("id");
    }

    private static void refused(String article, long parentId) {
        postJson(article, with("parentId", parentId)).statusCode(400).contentType("application/problem+json")
                .body("errors", equalTo(List.of(Map.of("field", "parentId",
                        "message", "must be the id of an approved comment of this article"))));
    }

    @Test
    void acceptsAReplyToAnApprovedCommentOfTheSameArticle() {
        String article = newArticle();
        long parent = submit(article);
        approve(db, parent);
        postJson(article, with("parentId", parent)).statusCode(202).body("parentId", equalTo((int) parent))
                .body("status", equalTo("PENDING"));
    }

    @Test
    void refusesAReplyToAPendingComment() {
        String article = newArticle();
        refused(article, submit(article));
    }

    @Test
    void refusesAReplyToAnApprovedCommentOfAnotherArticle() {
        String other = newArticle();
        long parent = submit(other);
        approve(db, parent);
        refused(newArticle(), parent);
    }

    @Test
    void refusesAReplyToACommentThatDoesNotExist() {
        refused(newArticle(), 999_999_999L);
    }

    @Test
    void refusesAReplyToARejectedOrSpamComment() {
        String article = newArticle();
        long rejected = submit(article);
        db.update("UPDATE comment SET status = 'REJECTED' WHERE id = ?", rejected);
        refused(article, rejected);
        long spam = submit(article);
        db.update("UPDATE comment SET status = 'SPAM' WHERE id = ?", spam);
        refused(article, spam);
    }

    @Test
    void listsABadParentTogetherWithOtherInvalidFields() {
        String article = newArticle();
        long pending = submit(article);
        Map<String, Object> body = with("parentId", pending);
        body.put("content", "");
        postJson(article, body).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("content", "parentId"));
    }
}
