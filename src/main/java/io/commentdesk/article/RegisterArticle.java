package io.commentdesk.article;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.commentdesk.web.PlainText;

/** The body of {@code PUT /api/v1/admin/articles/{articleId}}. */
@Schema(name = "RegisterArticle")
public record RegisterArticle(
        @NotBlank @Size(max = 500) @PlainText @Schema(required = true, maxLength = 500, example = "Russia floats rare mineral deal") String title,
        @Size(max = 2000) @PlainText @Schema(maxLength = 2000, description = "The article's page; also a place form posts may return to.",
                example = "https://news.example.com/2026/11/28/minerals") String url,
        @NotNull @Schema(required = true, example = "true") Boolean commentsOpen,
        @Schema(description = "When comments close; none keeps them open.", example = "2026-12-28T00:00:00Z") Instant closesAt) {
}
