package io.commentdesk.comment;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The HTML form body of a submission, with WordPress's comment_form() field names; documentation only. */
@Schema(name = "SubmitCommentForm")
public record SubmitCommentForm(
        @Schema(required = true, maxLength = SubmissionValidator.MAX_NAME, example = "Ana Lima") String author,
        @Schema(required = true, maxLength = SubmissionValidator.MAX_EMAIL, example = "ana@example.com") String email,
        @Schema(maxLength = SubmissionValidator.MAX_URL, example = "https://ana.example.com/") String url,
        @Schema(required = true, maxLength = SubmissionValidator.MAX_CONTENT, example = "Rare earths are only half the story.")
        String comment,
        @JsonProperty("comment_parent")
        @Schema(description = "The approved comment replied to; 0 or empty for a top-level comment.", example = "0")
        String commentParent,
        @JsonProperty("redirect_to")
        @Schema(description = "Page to return to after posting; must be on an allowed frontend origin.",
                example = "https://news.example.com/2026/11/28/minerals")
        String redirectTo,
        @JsonProperty("comment_post_ID")
        @Schema(description = "Accepted and ignored (the article is in the path).") String commentPostId,
        @JsonProperty("wp-comment-cookies-consent")
        @Schema(description = "Accepted and ignored.") String cookiesConsent) {
}
