package io.commentdesk.reading;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

import io.commentdesk.article.ArticleIds;
import io.commentdesk.notices.ArticleRevisions;
import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.Problem;

/** Approved-comment counts for many articles at once: a listing page shows one under every headline. */
@Path("/api/v1/comment-counts")
@Tag(name = "Comments")
public class CommentCountsResource {

    static final int MAX_ARTICLES = 100;

    private final ReaderService reader;
    private final ArticleRevisions revisions;
    private final Cache counted;
    private final String cacheControl;
    private final String release;

    CommentCountsResource(ReaderService reader, ArticleRevisions revisions, ReadingConfig config,
            @CacheName("comment-counts") Cache counted,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String release) {
        this.reader = reader;
        this.revisions = revisions;
        this.counted = counted;
        this.cacheControl = ReaderResource.cacheControl(config);
        this.release = release;
    }

    /** The answer: approved comments per article id, in the order asked. */
    @Schema(name = "CommentCounts")
    public record Counts(@Schema(example = "{\"news-1\": 42, \"news-2\": 0}") Map<String, Long> counts) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count approved comments of up to 100 articles", description = "Repeat articleId. Cacheable like "
            + "the lists: strong ETag, If-None-Match answers 304.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Counts.class)))
    @APIResponse(responseCode = "304", description = "Not modified.")
    @APIResponse(responseCode = "400", description = "No articleId, more than 100, or an invalid one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response counts(@QueryParam("articleId") List<String> articleIds, @HeaderParam("If-None-Match") String ifNoneMatch) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(articleIds == null ? List.of() : articleIds));
        if (ids.isEmpty() || ids.size() > MAX_ARTICLES) {
            throw new InvalidInputException("articleId", "give between 1 and " + MAX_ARTICLES + " article ids");
        }
        ids.forEach(ArticleIds::require);
        Map<String, Long> revs = new TreeMap<>(revisions.current(ids));
        String etag = "\"" + ReaderResource.digest(release + "|" + ids + "|" + revs) + "\"";
        if (ReaderResource.matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", cacheControl).build();
        }
        // Keyed on the revisions as well, so never stale: a listing page asked by many readers at once
        // costs one query, however many of them arrive before it is answered.
        Map<String, Long> counts = counted.get(etag, key -> reader.counts(ids)).await().indefinitely();
        return Response.ok(new Counts(counts)).header("ETag", etag).header("Cache-Control", cacheControl).build();
    }
}
