package io.commentdesk.support;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Builds and sends submissions the way real clients do. */
public final class Submissions {

    private Submissions() {
    }

    /** A fresh article id, so tests never see each other's comments. */
    public static String newArticle() {
        return "it-" + UUID.randomUUID();
    }

    public static String path(String articleId) {
        return "/api/v1/articles/" + URLEncoder.encode(articleId, StandardCharsets.UTF_8) + "/comments";
    }

    public static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("authorName", "Ana Lima");
        body.put("authorEmail", "ana.lima@example.com");
        body.put("content", "Rare earths are only half the story.");
        return body;
    }

    public static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return body;
    }

    public static ValidatableResponse postJson(String articleId, Object body) {
        return given().urlEncodingEnabled(false).contentType("application/json").body(body).when().post(path(articleId)).then();
    }

    /** A request whose Content-Type goes out exactly as given, with no charset added and no re-encoding. */
    public static RequestSpecification raw(String contentType) {
        return given().urlEncodingEnabled(false).redirects().follow(false)
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType);
    }

    public static RequestSpecification form(Map<String, String> fields) {
        // As a browser sends it: UTF-8 percent-encoding, no charset parameter.
        String encoded = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return raw("application/x-www-form-urlencoded").body(encoded);
    }

    public static Map<String, String> validForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("author", "Bo Chen");
        form.put("email", "bo.chen@example.com");
        form.put("url", "");
        form.put("comment", "First line\r\nSecond line");
        form.put("comment_post_ID", "1234");
        form.put("comment_parent", "0");
        form.put("wp-comment-cookies-consent", "yes");
        return form;
    }

    /** Approves a comment directly in the database (the moderation API comes later). */
    public static void approve(Db db, long id) {
        db.update("UPDATE comment SET status = 'APPROVED' WHERE id = ?", id);
    }
}
