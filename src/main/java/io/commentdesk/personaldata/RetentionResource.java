package io.commentdesk.personaldata;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

/** Admins see what the retention job last did, whichever replica did it. */
@Path("/api/v1/admin/privacy/retention")
@RolesAllowed(Moderator.ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RetentionResource {

    private final RetentionHistory history;
    private final RetentionConfig config;
    private final AuditLog audit;
    private final CurrentModerator caller;

    RetentionResource(RetentionHistory history, RetentionConfig config, AuditLog audit, CurrentModerator caller) {
        this.history = history;
        this.config = config;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The last retention run", description = "When the retention job last ran, on which replica, how many "
            + "rows it changed and which retention periods it applied. Before the first run, only the configured periods. "
            + "Recorded in the audit (PRIVACY_VIEW).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RetentionRun.class)))
    public RetentionRun last() {
        audit.recordAdministration(caller.get(), AuditAction.PRIVACY_VIEW, "retention");
        return history.last().orElseGet(() -> new RetentionRun(null, null, null, null,
                new RetentionRun.Settings(config.ipRetention().toString(), config.decidedRetention().toString())));
    }
}
