package io.commentdesk.personaldata;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.commentdesk.comment.SubmissionValidator;
import io.commentdesk.identity.CurrentModerator;
import io.commentdesk.identity.Moderator;
import io.commentdesk.web.Problem;

/**
 * Admins answer a commenter's requests to see (GDPR art. 15) and erase (art. 17) what is kept about
 * them. The address travels in the body, never in a URL or a log line; the audit keeps its keyed hash.
 */
@Path("/api/v1/admin/privacy")
@RolesAllowed(Moderator.ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "email missing or not a valid address, mode missing or unknown; the problem "
        + "names the field and never repeats the value.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PersonalDataResource {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final PersonalDataExport exports;
    private final ErasureService erasures;
    private final SubmissionValidator validator;
    private final CurrentModerator caller;

    PersonalDataResource(PersonalDataExport exports, ErasureService erasures, SubmissionValidator validator, CurrentModerator caller) {
        this.exports = exports;
        this.erasures = erasures;
        this.validator = validator;
        this.caller = caller;
    }

    @POST
    @Path("/exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export everything kept about an address",
            description = "Every comment of the address in any status (found by its keyed hash; nobody else's data is opened), "
                    + "with the address, name, website, IP address and user agent, dates, and the comment's history from the "
                    + "audit; plus the address's blocklist entries and its standing as a trusted commenter. Streamed as it is "
                    + "read, as an attachment. Recorded in the audit (EXPORT, with the address's keyed hash only).")
    @APIResponse(responseCode = "200", description = "The export document (format commentdesk-personal-data/1).",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"commentdesk-export-<time>.json\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportDocument.class)))
    public Response export(@Valid @NotNull PrivacyRequests.Export body) {
        String email = validator.normalizedEmail("email", body.email());
        Moderator admin = caller.get();
        StreamingOutput document = exports.open(email, admin);
        String filename = "commentdesk-export-" + FILE_STAMP.format(java.time.Instant.now()) + ".json";
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase an address from its comments",
            description = "ANONYMIZE keeps each comment's text under the configured name (COMMENTS_PRIVACY_ANONYMOUS_NAME) and "
                    + "removes the address (sealed and hashed), website, IP address and user agent. DELETE removes the comments; "
                    + "replies of others stay, moved up to the nearest remaining ancestor and marked parentRemoved. Either way "
                    + "no rule (flood, duplicate, trusted commenter, Idempotency-Key) knows the address afterwards, an export finds "
                    + "nothing, and readers' lists change at once; a blocklist entry for the address stays. Done in batches of "
                    + "500 comments, each its own transaction. Erasing again, or an address never seen, answers 0. Recorded in "
                    + "the audit (ERASE, with the address's keyed hash only).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrivacyRequests.Erased.class)))
    public PrivacyRequests.Erased erase(@Valid @NotNull PrivacyRequests.Erasure body) {
        String email = validator.normalizedEmail("email", body.email());
        return new PrivacyRequests.Erased(erasures.erase(email, body.mode(), caller.get()));
    }

    /** Documents the export's shape for OpenAPI; the document itself is written as a stream. */
    @Schema(name = "PersonalDataExport", description = "Everything kept about one address.")
    record ExportDocument(
            @Schema(example = "commentdesk-personal-data/1") String format,
            java.time.Instant exportedAt,
            @Schema(example = "ana@example.com") String email,
            BlocklistState blocklist,
            TrustedState trustedCommenter,
            java.util.List<ExportedComment> comments,
            @Schema(example = "1") long commentCount) {
    }

    @Schema(name = "PersonalDataBlocklistState")
    record BlocklistState(java.util.List<BlockEntry> entries, @Schema(description = "Whether an entry blocks the address now.") boolean blocked) {
    }

    @Schema(name = "PersonalDataBlockEntry")
    record BlockEntry(java.time.Instant createdAt, @Schema(nullable = true) java.time.Instant expiresAt, boolean active,
            @Schema(nullable = true) String note, @Schema(example = "boss") String createdBy) {
    }

    @Schema(name = "PersonalDataTrustedState")
    record TrustedState(boolean ruleEnabled, int minApproved, long approvedComments, long spamComments,
            @Schema(description = "Whether the address's next comment would be approved at once.") boolean trusted) {
    }

    @Schema(name = "PersonalDataComment")
    record ExportedComment(
            @Schema(example = "1051") long id,
            @Schema(example = "news-2026-11-28-minerals") String articleId,
            @Schema(nullable = true) Long parentId,
            boolean parentRemoved,
            @Schema(example = "APPROVED") String status,
            @Schema(example = "Ana Lima") String authorName,
            @Schema(example = "ana@example.com") String email,
            @Schema(nullable = true, example = "https://ana.example.com/") String authorUrl,
            String content,
            @Schema(nullable = true, example = "203.0.113.7") String ipAddress,
            @Schema(nullable = true) String userAgent,
            java.time.Instant createdAt,
            java.time.Instant updatedAt,
            @Schema(description = "The comment's history from the audit, oldest first.") java.util.List<HistoryEntry> history) {
    }

    @Schema(name = "PersonalDataHistoryEntry")
    record HistoryEntry(
            @Schema(example = "APPROVE") String action,
            @Schema(nullable = true) String fromStatus,
            @Schema(nullable = true) String toStatus,
            @Schema(example = "jane") String actor,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true, description = "An edit's previous text.") String previousContent,
            java.time.Instant at) {
    }
}
