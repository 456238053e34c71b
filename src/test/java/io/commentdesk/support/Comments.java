package io.commentdesk.support;

import static io.commentdesk.support.Submissions.postJson;
import static io.commentdesk.support.Submissions.with;

import java.util.Map;

import io.restassured.response.ValidatableResponse;

/** Shortcuts for tests that need comments in given states. */
public final class Comments {

    private Comments() {
    }

    public static long submit(String article) {
        return submit(article, "A comment " + System.nanoTime());
    }

    public static long submit(String article, String content) {
        return postJson(article, with("content", content)).statusCode(202).extract().jsonPath().getLong("id");
    }

    public static long reply(String article, long parent) {
        Map<String, Object> body = with("parentId", parent);
        return postJson(article, body).statusCode(202).extract().jsonPath().getLong("id");
    }

    public static ValidatableResponse decide(String token, long id, long version, String action) {
        return Tokens.as(token).header("If-Match", "\"" + version + "\"").body(Map.of("action", action))
                .post("/api/v1/moderation/comments/" + id + "/decision").then();
    }

    public static long version(String token, long id) {
        return Tokens.as(token).get("/api/v1/moderation/comments/" + id).then().statusCode(200).extract().jsonPath().getLong("version");
    }

    /** Approves through the API, as a moderator would. */
    public static void approve(String token, long id) {
        decide(token, id, version(token, id), "APPROVE").statusCode(200);
    }

    /** A comment submitted on {@code article} and approved by the moderator holding {@code token}: its id. */
    public static long approved(String token, String article) {
        long id = submit(article);
        approve(token, id);
        return id;
    }
}
