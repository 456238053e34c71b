package io.commentdesk.reading;

import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;

/**
 * Pages serialised once and served from memory. The key holds the article's revision, which moves
 * with every change readers would see, so an entry is never stale: a decision makes the next request
 * miss and render afresh, on every replica. Size and age limits (application.properties) bound memory.
 */
@ApplicationScoped
public class RenderedPages {

    private final ReaderService reader;
    private final ObjectMapper json;

    RenderedPages(ReaderService reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @CacheResult(cacheName = "reader-pages")
    public byte[] page(@CacheKey String articleId, @CacheKey long revision, @CacheKey ReaderService.Order order, @CacheKey int limit,
            @CacheKey String cursor) {
        // An empty cursor (first page) rather than null: cache keys cannot hold null.
        try {
            return json.writeValueAsBytes(reader.page(articleId, order, limit, cursor.isEmpty() ? null : cursor));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
