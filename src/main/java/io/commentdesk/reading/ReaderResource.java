package io.commentdesk.reading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

/**
 * The hottest path: an article's approved comments, for every view of every article. Answers carry
 * a strong ETag derived from the article's revision. While the replica knows the revision (see
 * {@link ArticleRevisions}), a revalidation and a 200 of an unchanged article are answered from
 * memory on the event loop, without the database or a thread hop.
 */
@Path("/api/v1/articles/{articleId}/comments")
@Tag(name = "Comments")
public class ReaderResource {

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
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read an article's approved comments", description = "Top-level comments, a page at a time (keyset "
            + "cursor), each with its approved replies nested to comments.replies.max-depth. Cacheable: strong ETag, "
            + "If-None-Match answers 304; any decision that changes what readers see changes the ETag at once.")
    @APIResponse(responseCode = "200", headers = {
            @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReaderPage.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", description = "Bad order, limit or cursor.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@PathParam("articleId") String articleId,
            @Parameter(schema = @Schema(enumeration = { "oldest", "newest" }, defaultValue = "oldest"))
            @QueryParam("order") @DefaultValue("oldest") String order,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limitParam,
            @QueryParam("cursor") String cursor,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        ArticleIds.require(articleId);
        ReaderService.Order sort = orderOf(order);
        int limit = Keyset.limit(limitParam);
        String page = cursor == null ? "" : cursor.trim();
        // Refused here, before any ETag or cache entry is made for it.
        Cursor.decode(page, ReaderService.cursorScope(articleId, sort));
        // Served on the event loop when memory knows the revision and holds the page (or the client's copy is
        // current); only a miss moves to a worker thread for the database.
        OptionalLong known = revisions.known(articleId);
        if (known.isPresent()) {
            RenderedPages.Key key = new RenderedPages.Key(articleId, known.getAsLong(), sort, limit, page);
            String etag = etag(key);
            if (matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(notModified(etag));
            }
            Optional<byte[]> body = pages.cached(key);
            if (body.isPresent()) {
                return Uni.createFrom().item(ok(body.get(), etag));
            }
        }
        return Uni.createFrom().item(() -> {
            RenderedPages.Key key = new RenderedPages.Key(articleId, revisions.current(articleId), sort, limit, page);
            String etag = etag(key);
            return matches(ifNoneMatch, etag) ? notModified(etag) : ok(pages.page(key), etag);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String etag(RenderedPages.Key key) {
        return "\"" + key.revision() + "-" + digest(release + "|" + key.articleId() + "|" + key.order() + "|" + key.limit() + "|"
                + key.cursor()) + "\"";
    }

    private Response notModified(String etag) {
        return Response.notModified().header("ETag", etag).header("Cache-Control", cacheControl).build();
    }

    private Response ok(byte[] body, String etag) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("ETag", etag).header("Cache-Control", cacheControl).build();
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
