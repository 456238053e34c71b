package io.commentdesk.moderation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated listing. */
public record Page<T>(
        List<T> items,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Pass as cursor for the next page; null on the last page.", nullable = true) String nextCursor) {
}
