package io.commentdesk.reading;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A comment as readers see it, with its approved replies nested. No email, IP or user agent, ever. */
@Schema(name = "ReaderComment")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReaderComment(
        @Schema(example = "1051") long id,
        @Schema(example = "1001", nullable = true) Long parentId,
        @Schema(description = "True when the comment this one replied to was removed (its author's data erased): it then "
                + "hangs under the nearest remaining ancestor (parentId), or at the top level when none remains. Show it as "
                + "\"in reply to a removed comment\".", example = "false") boolean parentRemoved,
        @Schema(example = "Ana Lima") String authorName,
        @Schema(description = "Only ever an http or https URL.", example = "https://ana.example.com/", nullable = true) String authorUrl,
        @Schema(example = "2026-11-28T16:04:05.123456Z") Instant createdAt,
        @Schema(description = "The plain text, exactly as stored.", example = "See https://example.com/report\n\nThanks!") String content,
        @Schema(description = "The text as safe HTML: every character escaped, paragraphs and line breaks kept, http(s) links "
                + "and www. hosts (linked over https) as anchors with rel=\"nofollow ugc noopener\".",
                example = "<p>See <a href=\"https://example.com/report\" rel=\"nofollow ugc noopener\">https://example.com/report</a></p><p>Thanks!</p>")
        String contentHtml,
        @Schema(description = "A stable, non-reversible per-commenter seed for generated avatars (never an email hash).",
                example = "3f1c9a0e5b7d4c2a8e6f1b0d9c7a5e3f") String avatarSeed,
        @Schema(description = "PENDING only in an author's own preview; otherwise APPROVED.", example = "APPROVED") String status,
        @Schema(description = "Approved replies, oldest first, nested to the configured depth.") List<ReaderComment> replies) {
}
