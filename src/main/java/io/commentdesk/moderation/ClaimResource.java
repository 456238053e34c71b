package io.commentdesk.moderation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.commentdesk.article.ArticleIds;
import io.commentdesk.identity.CurrentModerator;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Problem;

/** Moderators reserve the oldest pending comments, so two of them never review the same one. */
@Path("/api/v1/moderation/claims")
@RolesAllowed({ Moderator.ROLE, Moderator.ADMIN })
@Tag(name = "Moderation")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the moderator role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClaimResource {

    private final ClaimService claims;
    private final CurrentModerator caller;

    ClaimResource(ClaimService claims, CurrentModerator caller) {
        this.claims = claims;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Claim pending comments", description = "Leases up to limit of the oldest pending comments that no "
            + "one else holds (the caller's own are renewed) for comments.moderation.claim-duration (default 5 minutes), of "
            + "the article named by articleId or of any. Expired claims return to the pool.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Responses.Claimed.class)))
    @APIResponse(responseCode = "400", description = "A limit that is not a whole number from 1 to 100, or an articleId that "
            + "is no article id.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Responses.Claimed claim(@Valid @NotNull Requests.Claim body) {
        if (body.articleId() != null) {
            ArticleIds.require(body.articleId());
        }
        return claims.claim(caller.get(), body.limit(), body.articleId());
    }

    @DELETE
    @Operation(summary = "Release my claims")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Responses.Released.class)))
    public Responses.Released release() {
        return new Responses.Released(claims.release(caller.get()));
    }
}
