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

/** What admins tune at runtime: the content rules' lists and numbers, and trusted commenters. */
@Schema(name = "RuleSettings")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RuleSettings(
        @NotNull @Size(max = 1000) @Schema(description = "Words or phrases that send a comment to SPAM (WordPress's disallowed keys).",
                example = "[\"cheap pills\", \"casino\"]") List<@NotBlank @Size(max = 100) String> disallowedTerms,
        @NotNull @Size(max = 1000) @Schema(description = "Words or phrases that hold a comment for a moderator, with the reason shown.",
                example = "[\"lawsuit\"]") List<@NotBlank @Size(max = 100) String> holdTerms,
        @NotNull @Min(0) @Max(100) @Schema(description = "More links than this holds a comment (WordPress's comment_max_links).",
                example = "2") Integer maxLinks,
        @NotNull @Valid @Schema(description = "Approve at once commenters with enough approved comments and no spam.")
        Trusted trusted) {

    /** WordPress's comment_previously_approved, off by default. */
    @Schema(name = "TrustedCommenters")
    public record Trusted(
            @NotNull @Schema(example = "false") Boolean enabled,
            @NotNull @Min(1) @Max(1000) @Schema(description = "Approved comments needed.", example = "1") Integer minApproved) {
    }

    public static RuleSettings defaults() {
        return new RuleSettings(List.of(), List.of(), 2, new Trusted(false, 1));
    }
}
