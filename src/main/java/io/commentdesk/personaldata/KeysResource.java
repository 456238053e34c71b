package io.commentdesk.personaldata;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.audit.AuditAction;
import io.commentdesk.audit.AuditLog;
import io.commentdesk.identity.CurrentModerator;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Problem;
import io.commentdesk.web.ProblemException;
import io.commentdesk.web.ProblemType;

/** Admins follow a key rotation: which keys still protect rows, and the job that moves rows to the current keys. */
@Path("/api/v1/admin/privacy/keys")
@RolesAllowed(Moderator.ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KeysResource {

    private final KeyInventory inventory;
    private final KeyRotationJob job;
    private final AuditLog audit;
    private final CurrentModerator caller;

    KeysResource(KeyInventory inventory, KeyRotationJob job, AuditLog audit, CurrentModerator caller) {
        this.inventory = inventory;
        this.job = job;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "How many comments each key still protects", description = "Per encryption key id, the comments with a "
            + "value sealed with it; per hash key id, the comments hashed with it and the blocklist email entries made with it. "
            + "An old key may be dropped once it counts 0 (see the README, key rotation). Reads every comment: not for a "
            + "dashboard. Recorded in the audit (PRIVACY_VIEW).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyInventory.Inventory.class)))
    public KeyInventory.Inventory keys() {
        audit.recordAdministration(caller.get(), AuditAction.PRIVACY_VIEW, "keys");
        return inventory.count();
    }

    @POST
    @Path("/rotation")
    @Operation(summary = "Run the key rotation job now", description = "Re-encrypts with the current key every value sealed with "
            + "another, and hashes again with the current hash key every comment hashed with another, in short batches; the "
            + "job also runs by itself every COMMENTS_PRIVACY_REKEY_EVERY. Answers when it is done. Recorded in the audit "
            + "(KEY_ROTATION).")
    @APIResponse(responseCode = "200", description = "What the run changed, and how many rows it left for the next run (held "
            + "by a moderator meanwhile, or sealed with a key this replica was not given).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyRotationJob.Run.class)))
    @APIResponse(responseCode = "409", description = "Another replica is running the job now.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KeyRotationJob.Run rotate() {
        KeyRotationJob.Run run = job.run().orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                "The key rotation job is running on another replica; look at the counts when it is done."));
        audit.recordAdministration(caller.get(), AuditAction.KEY_ROTATION,
                "resealed=" + run.resealed() + " rehashed=" + run.rehashed() + " left=" + run.left());
        return run;
    }
}
