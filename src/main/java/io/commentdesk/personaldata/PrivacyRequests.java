package io.commentdesk.personaldata;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of admins' privacy operations, and what an erasure answers. */
public final class PrivacyRequests {

    private PrivacyRequests() {
    }

    /** Whose data to export. */
    @Schema(name = "PersonalDataExportRequest")
    public record Export(
            @NotNull @Schema(required = true, maxLength = 100, description = "The commenter's address, as they gave it (case and "
                    + "surrounding spaces do not matter). Never logged, never stored: only its keyed hash is audited.",
                    example = "ana@example.com") String email) {
    }

    /** Whose data to erase, and how. */
    @Schema(name = "ErasureRequest")
    public record Erasure(
            @NotNull @Schema(required = true, maxLength = 100, description = "The commenter's address. Never logged, never stored.",
                    example = "ana@example.com") String email,
            @NotNull @Schema(required = true, description = "ANONYMIZE keeps the text under the configured name and removes "
                    + "the address, website, IP address and user agent; DELETE removes the comments.", example = "ANONYMIZE")
            ErasureMode mode) {
    }

    /** What an erasure changed. */
    @Schema(name = "ErasureResult")
    public record Erased(
            @Schema(description = "How many comments were anonymised or deleted; 0 when the address has none (never seen, or "
                    + "erased already).", example = "3") int comments) {
    }
}
