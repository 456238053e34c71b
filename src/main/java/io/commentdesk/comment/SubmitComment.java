package io.commentdesk.comment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of a submission; documents the contract (the resource reads the body field by field). */
@Schema(name = "SubmitComment", description = "A reader's comment. Lengths count characters after NFC normalisation and trimming.")
public record SubmitComment(
        @Schema(required = true, maxLength = SubmissionValidator.MAX_NAME, example = "Ana Lima") String authorName,
        @Schema(required = true, maxLength = SubmissionValidator.MAX_EMAIL, example = "ana@example.com",
                description = "Never published, never logged, encrypted at rest. Internationalised domains are accepted; "
                        + "hosts without a public domain are not.") String authorEmail,
        @Schema(maxLength = SubmissionValidator.MAX_URL, example = "https://ana.example.com/", nullable = true,
                description = "Optional http or https URL; a bare host such as example.com is taken as http://example.com.")
        String authorUrl,
        @Schema(required = true, maxLength = SubmissionValidator.MAX_CONTENT, example = "Rare earths are only half the story.",
                description = "Plain text; newline and tab are the only control characters allowed.") String content,
        @Schema(nullable = true, example = "1001", description = "The approved comment of the same article this replies to.")
        Long parentId) {
}
