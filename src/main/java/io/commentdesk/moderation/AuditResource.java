package io.commentdesk.moderation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.audit.AuditEntry;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Cursor;
import io.commentdesk.web.Keyset;
import io.commentdesk.web.PlainText;
import io.commentdesk.web.Problem;
import io.commentdesk.web.QueryParams;

/** The record of every moderator action, newest first. Read-only: nothing in the API changes it. */
@Path("/api/v1/moderation/audit")
@RolesAllowed({ Moderator.ROLE, Moderator.ADMIN })
@Tag(name = "Moderation")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the moderator role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Read the audit", description = "Decisions, edits, claims, releases, reveals and reply moves, "
            + "newest first; filter by comment or by actor; keyset pagination by cursor.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Responses.Audit> read(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @QueryParam("commentId") String commentIdParam,
            @QueryParam("actor") String actor,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Keyset.limit(limit);
        Long commentId = QueryParams.id("commentId", commentIdParam);
        PlainText.Rule.require("actor", actor);
        String who = actor == null || actor.isBlank() ? null : actor;
        String scope = "audit/" + (commentId == null ? "" : commentId) + "/" + (who == null ? "" : who.replace('|', '_'));
        List<AuditEntry> rows = audit.read(commentId, who, Cursor.decode(cursor, scope).orElse(null), size + 1);
        List<Responses.Audit> items = rows.stream().limit(size).map(Responses.Audit::of).toList();
        return new Page<>(items, Keyset.next(scope, rows, size, e -> e.createdAt, e -> e.id));
    }

    /** Documents the page shape for OpenAPI. */
    @Schema(name = "AuditPage")
    record AuditPage(List<Responses.Audit> items, @Schema(nullable = true) String nextCursor) {
    }
}
