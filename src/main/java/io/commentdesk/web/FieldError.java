package io.commentdesk.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One invalid field of a request, named as the client sent it. The message never repeats the value.
 */
@Schema(name = "FieldError")
public record FieldError(
        @Schema(description = "The field as the client named it (JSON property, form field, path or query parameter).", example = "authorEmail")
        String field,
        @Schema(description = "What is wrong with it.", example = "must be a valid email address")
        String message) {
}
