package io.commentdesk.comment;

/** One broken rule of a submission. The message never quotes the submitted value. */
public record Violation(SubmissionField field, String message) {
}
