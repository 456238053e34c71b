package io.commentdesk.reading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.article.ArticleIds;
import io.commentdesk.notices.ArticleRevisions;
import io.commentdesk.web.Cursor;
import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.Keyset;
import io.commentdesk.web.Problem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;

/**
 * The hottest path: an article's approved comments, for every view of every article. Answers carry
 * a strong ETag derived from the article's revision. While the replica knows the revision (see
 * {@link ArticleRevisions}), a revalidation and a 200 of an unchanged article are answered from
 * memory on the event loop, without the database or a thread hop.
 */
@Path("/api/v1/articles/{articleId}/comments")
@Tag(name = "Comments")
public class ReaderResource {

    static final String HTML_UTF8 = "text/html; charset=utf-8";
    static final String FRAGMENT_EXAMPLE = "<section class=\"cd-thread\" data-article-id=\"news-2026-11-28-minerals\" data-total=\"1\" "
            + "data-next-cursor=\"\" data-order=\"OLDEST\"><ol class=\"cd-comments\"><li class=\"cd-comment\" id=\"comment-1051\" "
            + "data-id=\"1051\"><article><header><span class=\"cd-author\">Ana Lima</span> <time datetime=\"2026-11-28T16:04:05.123456Z\">"
            + "2026-11-28 16:04 UTC</time></header><div class=\"cd-content\"><p>Rare earths are only half the story.</p></div>"
            + "</article></li></ol></section>";

    private final ReaderService reader;
    private final RenderedPages pages;
    private final ArticleRevisions revisions;
    private final String cacheControl;
    private final String release;

    ReaderResource(ReaderService reader, RenderedPages pages, ArticleRevisions revisions, ReadingConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String release) {
        this.reader = reader;
        this.pages = pages;
        this.revisions = revisions;
        this.cacheControl = cacheControl(config);
        this.release = release;
    }

    static String cacheControl(ReadingConfig config) {
        return "public, max-age=" + config.maxAge().toSeconds() + ", stale-while-revalidate=" + config.staleWhileRevalidate().toSeconds();
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_HTML })
    @Operation(summary = "Read an article's approved comments", description = "Top-level comments, a page at a time (keyset "
            + "cursor), each with its approved replies nested to comments.replies.max-depth. Cacheable: strong ETag, "
            + "If-None-Match answers 304; any decision that changes what readers see changes the ETag at once. JSON by "
            + "default; with Accept: text/html (preferred over application/json), the same page as an HTML fragment for a "
            + "CMS to include server-side (its elements and class names are listed in the README), with its own ETag.")
    @APIResponse(responseCode = "200", headers = {
            @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Vary", description = "Accept (and Origin).", schema = @Schema(type = SchemaType.STRING)) },
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReaderPage.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, example = FRAGMENT_EXAMPLE)) })
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "Bad order, limit or cursor (problem+json, whatever the Accept).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@PathParam("articleId") String articleId,
            @Parameter(schema = @Schema(enumeration = { "oldest", "newest" }, defaultValue = "oldest"))
            @QueryParam("order") @DefaultValue("oldest") String order,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limitParam,
            @QueryParam("cursor") String cursor,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @Context HttpHeaders headers, @Context HttpServerResponse response) {
        // On every answer, 304s and JSON included: a shared cache must keep the JSON and HTML copies apart. Joined to
        // what the CORS filter put there (Origin) in one header, which clients that read a single Vary also see.
        String vary = response.headers().get(HttpHeaders.VARY);
        response.headers().set(HttpHeaders.VARY, vary == null ? HttpHeaders.ACCEPT : vary + ", " + HttpHeaders.ACCEPT);
        ArticleIds.require(articleId);
        ReaderService.Order sort = orderOf(order);
        int limit = Keyset.limit(limitParam);
        String page = cursor == null ? "" : cursor.trim();
        // Refused here, before any ETag or cache entry is made for it.
        Cursor.decode(page, ReaderService.cursorScope(articleId, sort));
        RenderedPages.Format format = prefersHtml(headers.getAcceptableMediaTypes()) ? RenderedPages.Format.HTML
                : RenderedPages.Format.JSON;
        // Served on the event loop when memory knows the revision and holds the page (or the client's copy is
        // current); only a miss moves to a worker thread for the database.
        OptionalLong known = revisions.known(articleId);
        if (known.isPresent()) {
            RenderedPages.Key key = new RenderedPages.Key(articleId, known.getAsLong(), sort, limit, page, format);
            String etag = etag(key);
            if (matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(notModified(etag));
            }
            Optional<byte[]> body = pages.cached(key);
            if (body.isPresent()) {
                return Uni.createFrom().item(ok(body.get(), key, etag));
            }
        }
        return Uni.createFrom().item(() -> {
            RenderedPages.Key key = new RenderedPages.Key(articleId, revisions.current(articleId), sort, limit, page, format);
            String etag = etag(key);
            return matches(ifNoneMatch, etag) ? notModified(etag) : ok(pages.page(key), key, etag);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Whether the client prefers the HTML fragment to JSON: only when it rates text/html above application/json
     * (each rated by the most specific range that matches it). A tie, a bare wildcard or no Accept at all gets JSON.
     */
    static boolean prefersHtml(List<MediaType> accepted) {
        return quality(accepted, MediaType.TEXT_HTML_TYPE) > quality(accepted, MediaType.APPLICATION_JSON_TYPE);
    }

    private static double quality(List<MediaType> accepted, MediaType type) {
        double quality = 0;
        int specificity = -1;
        for (MediaType range : accepted) {
            int rangeSpecificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (range.isCompatible(type) && rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                quality = qualityOf(range);
            }
        }
        return quality;
    }

    private static double qualityOf(MediaType range) {
        String q = range.getParameters().get("q");
        try {
            return q == null ? 1 : Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private String etag(RenderedPages.Key key) {
        // The HTML fragment is another body for the same page: same revision, its own validator.
        String suffix = key.format() == RenderedPages.Format.HTML ? "-html" : "";
        return "\"" + key.revision() + "-" + digest(release + "|" + key.articleId() + "|" + key.order() + "|" + key.limit() + "|"
                + key.cursor()) + suffix + "\"";
    }

    private Response notModified(String etag) {
        return Response.notModified().header("ETag", etag).header("Cache-Control", cacheControl).build();
    }

    private Response ok(byte[] body, RenderedPages.Key key, String etag) {
        String type = key.format() == RenderedPages.Format.HTML ? HTML_UTF8 : MediaType.APPLICATION_JSON;
        return Response.ok(body, type).header("ETag", etag).header("Cache-Control", cacheControl).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read one comment", description = "An approved comment with its replies; or, with ?preview=<token> "
            + "from the submission's answer, the author's own pending comment (so the page can say \"Your comment is "
            + "awaiting moderation\").")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReaderComment.class)))
    @APIResponse(responseCode = "404", description = "No approved comment with this id in this article, or a preview token that "
            + "is expired or belongs to another comment.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response one(@PathParam("articleId") String articleId, @PathParam("id") long id, @QueryParam("preview") String preview) {
        if (preview != null) {
            ReaderComment own = reader.preview(articleId, id, preview).orElseThrow(NotFoundException::new);
            // Personal to its author: never stored by a shared cache.
            return Response.ok(own).header("Cache-Control", "private, no-store").build();
        }
        ReaderComment comment = reader.approved(articleId, id).orElseThrow(NotFoundException::new);
        return Response.ok(comment).header("Cache-Control", cacheControl).build();
    }

    private static ReaderService.Order orderOf(String order) {
        try {
            return ReaderService.Order.valueOf(order.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("order", "must be oldest or newest");
        }
    }

    /** Whether an If-None-Match header lists this ETag (or *). Weak validators compare by their opaque part. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
