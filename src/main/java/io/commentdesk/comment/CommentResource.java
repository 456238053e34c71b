package io.commentdesk.comment;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.article.ArticleService;
import io.commentdesk.db.DatabaseUnavailable;
import io.commentdesk.web.ClientAddress;
import io.commentdesk.web.FormBody;
import io.commentdesk.web.FrontendOrigins;
import io.commentdesk.web.MalformedBodyException;
import io.commentdesk.web.Problem;
import io.commentdesk.web.StrictUtf8;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The reader-facing edge of comments: submissions from JavaScript (JSON) and from plain HTML forms
 * (WordPress field names), and the public view of one approved comment.
 */
@Path("/api/v1/articles/{articleId}/comments")
@Tag(name = "Comments", description = "What news frontends call: submit a reader's comment, read approved ones.")
public class CommentResource {

    static final String SUBMIT_SUMMARY = "Submit a comment";
    static final String SUBMIT_DESCRIPTION = """
            Queues a reader's comment for moderation; it is stored PENDING and nothing is published.
            Send JSON (from JavaScript) or, from a plain HTML form with no JavaScript, the fields of WordPress's
            comment_form(): comment, author, email, url, comment_parent, redirect_to (comment_post_ID and
            wp-comment-cookies-consent are accepted and ignored), in UTF-8 unless the Content-Type names another charset.
            Every field is checked at once and every problem comes back together, named as the client sent it.
            Text is normalised to Unicode NFC and trimmed; lengths count characters (code points).
            A form post is redirected (303) to redirect_to, else to the Referer, when that page is on an origin in
            COMMENTS_ALLOWED_ORIGINS or is the article's registered page; else to the registered page, if any;
            otherwise it gets a small HTML page saying the comment awaits moderation.
            An article an admin closed (or registered with a closing time now past) refuses comments with 403;
            with comments.articles.require-registration, an unregistered article answers 404.""";
    static final String ACCEPTED_DESCRIPTION = "Accepted: stored PENDING, waiting for moderation. JSON gets the comment "
            + "(never the email) and a Location; a form post with no allowed page to return to gets an HTML page.";
    static final String BAD_REQUEST_DESCRIPTION = "Invalid fields (every one listed in errors, named as sent: authorName "
            + "in JSON, author in a form), or a body that cannot be read (malformed JSON, invalid UTF-8, broken form encoding).";

    static final String ARTICLE_ID_DESCRIPTION = "The article's id in the frontend's CMS: 1-200 letters, digits and - _ . : / "
            + "(percent-encode a / as %2F).";

    private final SubmissionService submissions;
    private final FrontendOrigins origins;
    private final ObjectMapper json;
    private final ArticleService articles;
    private final String honeypotField;
    private final ClientAddress clientAddress;
    private final SubmissionMetrics metrics;

    CommentResource(SubmissionService submissions, FrontendOrigins origins, ObjectMapper json, ArticleService articles,
            io.commentdesk.rules.RulesConfig rules, ClientAddress clientAddress, SubmissionMetrics metrics) {
        this.metrics = metrics;
        this.clientAddress = clientAddress;
        this.honeypotField = rules.honeypot().field();
        this.articles = articles;
        this.submissions = submissions;
        this.origins = origins;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitComment", summary = SUBMIT_SUMMARY, description = SUBMIT_DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitComment.class),
            examples = @ExampleObject(name = "reply", value = """
                    {"authorName": "Ana Lima", "authorEmail": "ana@example.com", "authorUrl": "https://ana.example.com/",
                     "content": "Rare earths are only half the story.", "parentId": 1001}""")))
    @APIResponse(responseCode = "202", description = ACCEPTED_DESCRIPTION,
            headers = @Header(name = "Location", description = "JSON only: where the comment will be readable once approved.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmittedComment.class),
                    examples = @ExampleObject(name = "pending", value = """
                            {"id": 1051, "articleId": "news-2026-11-28-minerals", "parentId": 1001, "status": "PENDING",
                             "authorName": "Ana Lima", "authorUrl": "https://ana.example.com/",
                             "content": "Rare earths are only half the story.", "createdAt": "2026-11-28T16:04:05.123456Z"}""")))
    @APIResponse(responseCode = "400", description = BAD_REQUEST_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {
                            @ExampleObject(name = "invalid-input", value = """
                                    {"type": "urn:commentdesk:problem:invalid-input", "title": "Invalid input", "status": 400,
                                     "detail": "2 fields are invalid.", "instance": "/api/v1/articles/news-2026-11-28-minerals/comments",
                                     "errors": [{"field": "authorEmail", "message": "must be a valid email address"},
                                                {"field": "content", "message": "is required"}]}"""),
                            @ExampleObject(name = "malformed-body", value = """
                                    {"type": "urn:commentdesk:problem:malformed-body", "title": "Malformed request body", "status": 400,
                                     "detail": "The request body is not a well-formed JSON document in UTF-8 (line 1, column 20).",
                                     "instance": "/api/v1/articles/news-2026-11-28-minerals/comments"}""") }))
    @APIResponse(responseCode = "403", description = "Comments are closed on this article.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "comments-closed", value = """
                            {"type": "urn:commentdesk:problem:comments-closed", "title": "Comments are closed", "status": 403,
                             "detail": "Comments are closed on this article.",
                             "instance": "/api/v1/articles/news-2026-11-28-minerals/comments"}""")))
    @APIResponse(responseCode = "404", description = "The article is not registered and registration is required.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than COMMENTS_MAX_BODY_SIZE (default 1 MiB).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "payload-too-large", value = """
                            {"type": "urn:commentdesk:problem:payload-too-large", "title": "Request body too large", "status": 413,
                             "detail": "The request body is larger than 1048576 bytes.",
                             "instance": "/api/v1/articles/news-2026-11-28-minerals/comments"}""")))
    @APIResponse(responseCode = "415", description = "Neither application/json nor application/x-www-form-urlencoded, "
            + "or a charset this service cannot decode.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unsupported-media-type", value = """
                            {"type": "urn:commentdesk:problem:unsupported-media-type", "title": "Unsupported media type",
                             "status": 415, "detail": "Send the body as application/json or, for HTML forms, application/x-www-form-urlencoded.",
                             "instance": "/api/v1/articles/news-2026-11-28-minerals/comments"}""")))
    @NonBlocking
    public CompletionStage<Response> submitJson(@Parameter(description = ARTICLE_ID_DESCRIPTION) @PathParam("articleId") String articleId,
            byte[] body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @jakarta.ws.rs.core.Context HttpServerRequest request) throws IOException {
        // On the event loop, which has the whole body by now (up to quarkus.rest.input-buffer-size; a larger one
        // goes to a worker): no thread waits for another to hand over the body, or for the batch to commit.
        // Parsed here rather than by the framework, whose debug log would quote Jackson's message,
        // and with it fragments of the body, an address perhaps.
        CommentDraft draft;
        try {
            draft = JsonDraft.read(articleId, json.readTree(StrictUtf8.decode(body)), honeypotField);
            checkIdempotencyKey(idempotencyKey);
        } catch (IOException | RuntimeException e) {
            metrics.ended(e);
            throw e;
        }
        return submissions.submitNonBlocking(draft, clientOf(request), idempotencyKey)
                .exceptionally(failure -> {
                    throw named(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure, SubmissionField::jsonName);
                })
                .thenApply(saved -> Response.accepted(saved).location(locationOf(saved)).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    // One operation in the contract for both media types: its id is on the JSON method.
    @Operation(summary = SUBMIT_SUMMARY, description = SUBMIT_DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = SubmitCommentForm.class)))
    @APIResponse(responseCode = "303", description = "Form posts only: accepted, and back to redirect_to or the Referer "
            + "(an allowed origin) at #comment-{id}, with unapproved={id}&moderation-hash={previewToken} in the query "
            + "(WordPress's names) so the page can show the pending comment to its author.",
            headers = @Header(name = "Location",
                    description = "e.g. https://news.example.com/2026/11/28/minerals?unapproved=1051&moderation-hash=1795882345.q3v9…#comment-1051",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "202", description = ACCEPTED_DESCRIPTION,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "awaiting-moderation",
                            value = "<!DOCTYPE html>…<p>Your comment is awaiting moderation.</p>…")))
    @NonBlocking
    public CompletionStage<Response> submitForm(@Parameter(description = ARTICLE_ID_DESCRIPTION) @PathParam("articleId") String articleId,
            byte[] body, @HeaderParam("Referer") String referer, @HeaderParam("Content-Type") MediaType type,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @jakarta.ws.rs.core.Context HttpServerRequest request) {
        // On the event loop, like JSON: the body is gathered there as it arrives, so a client that sends it slowly
        // (or never finishes) holds a connection, not a worker thread (RequestPrechecks closes it at its deadline).
        Map<String, String> form;
        try {
            form = FormBody.parse(body, charsetOf(type));
            checkIdempotencyKey(idempotencyKey);
        } catch (RuntimeException e) {
            metrics.ended(e);
            throw e;
        }
        CommentDraft draft = new CommentDraft(articleId, form.get("author"), form.get("email"), form.get("url"),
                form.get("comment"), form.get("comment_parent"), Map.of(), form.get(honeypotField));
        Context caller = Vertx.currentContext();
        return submissions.submitNonBlocking(draft, clientOf(request), idempotencyKey)
                .exceptionally(failure -> {
                    throw named(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure, SubmissionField::formName);
                })
                // The registered page is read from the database: on a worker, now that the body is in.
                .thenCompose(saved -> caller.executeBlocking(() -> formAnswer(saved, articleId, form.get("redirect_to"), referer), false)
                        .toCompletionStage());
    }

    /** Back to the page the form was on (303), or a small page saying the comment awaits moderation. */
    private Response formAnswer(SubmittedComment saved, String articleId, String redirectTo, String referer) {
        Optional<URI> registered = registeredUrl(articleId);
        Optional<URI> back = returnPage(registered, redirectTo)
                .or(() -> returnPage(registered, referer))
                .or(() -> registered);
        if (back.isPresent()) {
            // WordPress's own query names, so pages built for WordPress show "awaiting moderation" unchanged.
            URI target = UriBuilder.fromUri(back.get())
                    .replaceQueryParam("unapproved", saved.id())
                    .replaceQueryParam("moderation-hash", saved.previewToken())
                    .fragment("comment-" + saved.id()).build();
            return Response.seeOther(target).build();
        }
        return Response.accepted(AwaitingModerationPage.HTML).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /**
     * The article's registered page, if any. The comment is stored by now: it is never answered 503 (the
     * reader would send it again) because this read failed; without it, back to an allowed page, or the
     * small page saying it awaits moderation.
     */
    private Optional<URI> registeredUrl(String articleId) {
        try {
            return articles.registeredUrl(articleId);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private static void checkIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new io.commentdesk.web.InvalidInputException("Idempotency-Key", "must be 1-255 characters");
        }
    }

    /** Invalid fields under the names the client sent them by (JSON or form); any other failure as it is. */
    private static RuntimeException named(Throwable failure, Function<SubmissionField, String> naming) {
        if (failure instanceof InvalidSubmissionException invalid) {
            return invalid.named(naming);
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }

    /** A page a form post may go back to: on an allowed frontend origin, or the article's registered page. */
    private Optional<URI> returnPage(Optional<URI> registered, String candidate) {
        Optional<URI> allowed = origins.allowedTarget(candidate);
        if (allowed.isPresent() || candidate == null) {
            return allowed;
        }
        try {
            URI page = new URI(candidate.trim());
            return registered.filter(url -> ArticleService.sameDocument(url, page)).map(url -> page);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Browsers send forms in the page's charset and rarely say so; UTF-8 unless the request names another. */
    private static Charset charsetOf(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw new NotSupportedException("Unsupported charset");
        }
    }

    private ClientInfo clientOf(HttpServerRequest request) {
        return new ClientInfo(clientAddress.of(request), request.getHeader("User-Agent"));
    }

    /**
     * Where the comment will be readable. Built by hand: an article id is letters, digits and
     * {@code - _ . : /} ({@link io.commentdesk.article.ArticleIds#RULE}), of which only the slash needs
     * encoding in a path segment, and a template UriBuilder cost a submission more CPU than its HMACs.
     */
    private static URI locationOf(SubmittedComment saved) {
        return URI.create("/api/v1/articles/" + saved.articleId().replace("/", "%2F") + "/comments/" + saved.id());
    }

    /** Reads the JSON body field by field, so a wrong type is reported per field instead of failing the whole body. */
    static final class JsonDraft {

        private JsonDraft() {
        }

        static CommentDraft read(String articleId, JsonNode body, String honeypotField) {
            if (body == null || body.isMissingNode()) {
                throw new MalformedBodyException("The request body is empty; send a JSON object.");
            }
            if (!body.isObject()) {
                throw new MalformedBodyException("The request body must be a JSON object.");
            }
            Map<SubmissionField, String> unreadable = new EnumMap<>(SubmissionField.class);
            return new CommentDraft(articleId,
                    text(body, SubmissionField.AUTHOR_NAME, unreadable),
                    text(body, SubmissionField.AUTHOR_EMAIL, unreadable),
                    text(body, SubmissionField.AUTHOR_URL, unreadable),
                    text(body, SubmissionField.CONTENT, unreadable),
                    parentId(body, unreadable),
                    unreadable,
                    body.path(honeypotField).isTextual() ? body.path(honeypotField).textValue() : null);
        }

        private static String text(JsonNode body, SubmissionField field, Map<SubmissionField, String> unreadable) {
            JsonNode node = body.get(field.jsonName());
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                unreadable.put(field, "must be a string");
                return null;
            }
            return node.textValue();
        }

        private static String parentId(JsonNode body, Map<SubmissionField, String> unreadable) {
            JsonNode node = body.get(SubmissionField.PARENT_ID.jsonName());
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                unreadable.put(SubmissionField.PARENT_ID, "must be an integer comment id");
                return null;
            }
            return Long.toString(node.longValue());
        }
    }
}
