package io.commentdesk.moderation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.article.ArticleIds;
import io.commentdesk.identity.CurrentModerator;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.IfMatch;
import io.commentdesk.web.InvalidInputException;
import io.commentdesk.web.Keyset;
import io.commentdesk.web.Problem;

/** The moderators' queue: list, read in full, decide, edit, count. */
@Path("/api/v1/moderation")
@RolesAllowed({ Moderator.ROLE, Moderator.ADMIN })
@Tag(name = "Moderation", description = "The review queue; role moderator (an admin is also a moderator).")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the moderator role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ModerationResource {

    private final QueueService queue;
    private final AuthorHistory authors;
    private final DecisionService decisions;
    private final BulkDecisions bulk;
    private final CurrentModerator caller;

    ModerationResource(QueueService queue, AuthorHistory authors, DecisionService decisions, BulkDecisions bulk,
            CurrentModerator caller) {
        this.queue = queue;
        this.authors = authors;
        this.decisions = decisions;
        this.bulk = bulk;
        this.caller = caller;
    }

    @GET
    @Path("/comments")
    @Operation(summary = "List the queue",
            description = "PENDING oldest first (FIFO); HELD (the pending comments a rule held, with its reasons) oldest first; "
                    + "other statuses newest first. Keyset pagination: pass nextCursor as cursor. Each item carries its "
                    + "article's title and address (when registered) and, for a reply, the start of its parent.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ModerationPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown status, an articleId that is no article id, limit not a whole number from 1 to 100, or a cursor that is no position of this listing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ModerationItem> list(
            @Parameter(schema = @Schema(enumeration = { "PENDING", "HELD", "APPROVED", "REJECTED", "SPAM" }, defaultValue = "PENDING"))
            @QueryParam("status") @DefaultValue("PENDING") String status,
            @QueryParam("articleId") String articleId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("cursor") String cursor) {
        return queue.list(filterOf(status), articleFilter(articleId), Keyset.limit(limit), cursor);
    }

    @GET
    @Path("/comments/{id}")
    @Operation(summary = "Read one comment in full", description = "With the email, IP address and user agent. "
            + "Every such read is recorded in the audit (who looked at whose address).")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag", description = "The version, for If-Match.",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModerationComment.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response read(@PathParam("id") long id) {
        ModerationComment comment = queue.reveal(id, caller.get()).orElseThrow(NotFoundException::new);
        return Response.ok(comment).header("ETag", IfMatch.etag(comment.version())).build();
    }

    @GET
    @Path("/comments/{id}/author")
    @Operation(summary = "What this comment's author did before", description = "The comments of the same address (found by "
            + "its keyed hash, never shown): counts per status, this comment included, and up to 5 others, newest first, each "
            + "with the first 140 characters of its text. An anonymised comment's author is unknown (known: false). Shows no "
            + "personal data, so it is not audited.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Responses.Author.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Responses.Author author(@PathParam("id") long id) {
        return authors.of(id).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/comments/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide on a comment", description = "APPROVE, REJECT, SPAM, or RESTORE (back to PENDING). "
            + "Send If-Match with the ETag (version) you decided on. Deciding what the comment already is changes and audits "
            + "nothing. When an approved comment is rejected, marked spam or restored, its replies move up to its parent. "
            + "Answers the comment as the queue shows it: the address masked, no IP or user agent (only the audited read "
            + "returns those).")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModerationItem.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Claimed by another moderator (admins may override), or approving a reply "
            + "whose parent is not approved.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "The comment changed since that version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decide(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull Requests.Decision body) {
        Long version = IfMatch.expectedVersion(ifMatch);
        ModerationItem comment = decisions.decide(id, version, body.action(), body.reason(), caller.get()).comment();
        return Response.ok(comment).header("ETag", IfMatch.etag(comment.version())).build();
    }

    @PATCH
    @Path("/comments/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Edit a comment's text", description = "Fix a typo, redact a phone number. Send If-Match. "
            + "The previous text is kept in the audit entry. Answers the comment as the queue shows it, without personal data.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModerationItem.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response edit(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull Requests.Edit body) {
        Long version = IfMatch.expectedVersion(ifMatch);
        ModerationItem comment = decisions.edit(id, version, body.content(), body.reason(), caller.get());
        return Response.ok(comment).header("ETag", IfMatch.etag(comment.version())).build();
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide on many comments", description = "Up to 100 decisions, each applied on its own "
            + "(one failing does not undo the others), each answered: APPLIED, UNCHANGED, CONFLICT, NOT_FOUND, or INVALID "
            + "(a reason with control characters).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Responses.BulkResults.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Responses.BulkResults decideMany(@Valid @NotNull Requests.Bulk body) {
        return new Responses.BulkResults(bulk.apply(body.decisions(), caller.get()));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Count the queue", description = "Comments per status overall and per article (the one asked "
            + "for, or the 50 with the most pending), how many pending comments a rule held, and the age of the oldest "
            + "pending comment.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Responses.Stats.class)))
    @APIResponse(responseCode = "400", description = "An articleId that is no article id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Responses.Stats stats(@QueryParam("articleId") String articleId) {
        return queue.stats(articleFilter(articleId));
    }

    /** No filter when absent or blank; else an article id as submissions have them (400 naming articleId if not). */
    private static String articleFilter(String articleId) {
        if (articleId == null || articleId.isBlank()) {
            return null;
        }
        ArticleIds.require(articleId);
        return articleId;
    }

    private static QueueFilter filterOf(String status) {
        return QueueFilter.parse(status).orElseThrow(() -> new InvalidInputException("status", "must be one of " + QueueFilter.NAMES));
    }

    /** Documents the page shape for OpenAPI (generic records are erased). */
    @Schema(name = "ModerationPage")
    record ModerationPage(java.util.List<ModerationItem> items, @Schema(nullable = true) String nextCursor) {
    }
}
