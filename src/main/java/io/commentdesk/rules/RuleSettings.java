package io.commentdesk.rules;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.web.PlainText;

/** What admins tune at runtime: the content rules' lists and numbers, and trusted commenters. */
@Schema(name = "RuleSettings")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RuleSettings(
        @NotNull @Size(max = 1000) @Schema(description = "Words or phrases that send a comment to SPAM (WordPress's disallowed keys).",
                example = "[\"cheap pills\", \"casino\"]") List<@NotBlank @Size(max = 100) @PlainText String> disallowedTerms,
        @NotNull @Size(max = 1000) @Schema(description = "Words or phrases that hold a comment for a moderator, with the reason shown.",
                example = "[\"lawsuit\"]") List<@NotBlank @Size(max = 100) @PlainText String> holdTerms,
        @NotNull @Min(0) @Max(100) @Schema(description = "More links than this holds a comment (WordPress's comment_max_links).",
                example = "2") Integer maxLinks,
        @NotNull @Valid @Schema(description = "Approve at once commenters with enough approved comments and no spam.")
        Trusted trusted,
        @Valid @Schema(description = "Flood interval and rate limit; when absent, the configured defaults "
                + "(COMMENTS_RULES_FLOOD_INTERVAL, COMMENTS_RULES_RATE_LIMIT_MAX, COMMENTS_RULES_RATE_LIMIT_WINDOW).")
        Limits limits) {

    /** The flood and rate numbers (their on/off switches stay in configuration). */
    @Schema(name = "RateLimits")
    public record Limits(
            @NotNull @Min(0) @Max(86_400) @Schema(description = "Seconds between two comments of one IP or email.", example = "15")
            Integer floodIntervalSeconds,
            @NotNull @Min(1) @Max(100_000) @Schema(description = "Comments per IP per window.", example = "20") Integer rateLimitMax,
            @NotNull @Min(1) @Max(86_400) @Schema(description = "The window, in seconds.", example = "600") Integer rateLimitWindowSeconds) {
    }

    /** WordPress's comment_previously_approved, off by default. */
    @Schema(name = "TrustedCommenters")
    public record Trusted(
            @NotNull @Schema(example = "false") Boolean enabled,
            @NotNull @Min(1) @Max(1000) @Schema(description = "Approved comments needed.", example = "1") Integer minApproved) {
    }

    /** The settings of a new installation: empty lists, WordPress's numbers, the configured limits. */
    public static RuleSettings defaults(Limits limits) {
        return new RuleSettings(List.of(), List.of(), 2, new Trusted(false, 1), limits);
    }
}
