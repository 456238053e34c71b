package io.commentdesk.rules;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.identity.CurrentModerator;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.PlainText;
import io.commentdesk.web.Problem;

/** Admins manage the blocklist. An email is stored only as its keyed hash, so it is never shown back. */
@Path("/api/v1/admin/blocks")
@RolesAllowed(Moderator.ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BlockResource {

    /** A new entry: exactly one of email and ip. */
    @Schema(name = "NewBlock")
    public record NewBlock(
            @Size(max = 100) @Schema(example = "spammer@example.com", description = "Stored only as its keyed hash.") String email,
            @Size(max = 60) @Schema(example = "203.0.113.0/24", description = "An IPv4/IPv6 address or CIDR range.") String ip,
            @Size(max = 500) @PlainText @Schema(example = "Link spam, three days running") String note,
            @Schema(example = "2026-12-31T00:00:00Z", description = "When the entry lapses; none: never.") Instant expiresAt) {
    }

    /** An entry as admins see it. */
    @Schema(name = "Block")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BlockView(
            @Schema(example = "7") long id,
            @Schema(example = "IP") Block.Kind kind,
            @Schema(description = "The range for IP entries; null for emails (only their hash is kept).", example = "203.0.113.0/24",
                    nullable = true) String ip,
            @Schema(example = "Link spam", nullable = true) String note,
            @Schema(nullable = true) Instant expiresAt,
            Instant createdAt,
            @Schema(example = "boss") String createdBy) {

        static BlockView of(Block b) {
            return new BlockView(b.id, b.kind, b.kind == Block.Kind.IP ? b.value : null, b.note, b.expiresAt, b.createdAt, b.createdBy);
        }
    }

    private final Blocklist blocklist;
    private final CurrentModerator caller;

    BlockResource(Blocklist blocklist, CurrentModerator caller) {
        this.blocklist = blocklist;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the blocklist", description = "Newest first, expired entries included (up to 1,000).")
    public List<BlockView> list() {
        return blocklist.list().stream().map(BlockView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block an email, an IP address or a range",
            description = "Blocked senders get 403 on submission, without being told which entry matched.")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BlockView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@Valid @NotNull NewBlock body) {
        Block block = blocklist.add(blank(body.email()), blank(body.ip()), body.note(), body.expiresAt(),
                caller.get().name());
        return Response.status(Response.Status.CREATED).entity(BlockView.of(block)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an entry")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("id") long id) {
        if (!blocklist.remove(id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
