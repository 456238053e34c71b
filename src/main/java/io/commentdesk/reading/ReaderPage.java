package io.commentdesk.reading;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of an article's approved top-level comments, each with its thread. */
@Schema(name = "ReaderPage")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReaderPage(
        @Schema(example = "news-2026-11-28-minerals") String articleId,
        @Schema(description = "Approved comments of the article, replies included.", example = "42") long total,
        List<ReaderComment> items,
        @Schema(description = "Pass as cursor for the next page; null on the last page.", nullable = true) String nextCursor) {
}
