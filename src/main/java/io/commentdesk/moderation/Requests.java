package io.commentdesk.moderation;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.web.PlainText;

/** The bodies moderators send. */
public final class Requests {

    private Requests() {
    }

    /** A decision on one comment; the version goes in If-Match. */
    @Schema(name = "Decision")
    public record Decision(
            @NotNull @Schema(required = true, example = "APPROVE") DecisionAction action,
            @Size(max = 1000) @PlainText @Schema(maxLength = 1000, example = "On topic and civil.") String reason) {
    }

    /**
     * One decision of a bulk call; carries its own version. Its reason's text is checked with the item
     * ({@link BulkDecisions}), so one bad item fails alone.
     */
    @Schema(name = "BulkDecisionItem")
    public record BulkItem(
            @NotNull @Schema(required = true, example = "1051") Long id,
            @NotNull @Schema(required = true, description = "The version the decision was made on.", example = "0") Long version,
            @NotNull @Schema(required = true, example = "SPAM") DecisionAction action,
            @Size(max = 1000) @Schema(maxLength = 1000, example = "Link farm.") String reason) {
    }

    /** Up to 100 decisions, each applied on its own. */
    @Schema(name = "BulkDecisions")
    public record Bulk(@NotNull @Size(min = 1, max = 100) @Schema(required = true, maxItems = 100) List<@Valid @NotNull BulkItem> decisions) {
    }

    /** A moderator's correction of a comment's text. */
    @Schema(name = "EditComment")
    public record Edit(
            @NotNull @Schema(required = true, maxLength = 65_525, example = "Call me on [phone number removed].") String content,
            @Size(max = 1000) @PlainText @Schema(maxLength = 1000, example = "Redacted a phone number.") String reason) {
    }

    /** How many of the oldest pending comments to claim, of one article or of all. */
    @Schema(name = "ClaimRequest")
    public record Claim(
            @NotNull @Min(1) @Max(100) @Schema(required = true, minimum = "1", maximum = "100", example = "20") Integer limit,
            @Schema(description = "Claim only this article's pending comments; absent or null: any article's.",
                    example = "news-2026-11-28-minerals", maxLength = 200, nullable = true) String articleId) {
    }
}
