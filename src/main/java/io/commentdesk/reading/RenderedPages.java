package io.commentdesk.reading;

import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * Pages serialised once and served from memory. The key holds the article's revision, which moves
 * with every change readers would see, so an entry is never stale: a decision makes the next request
 * miss and render afresh, on every replica. Size and age limits (application.properties) bound memory.
 */
@ApplicationScoped
public class RenderedPages {

    /** One page of one article's list, as of one revision. */
    record Key(String articleId, long revision, ReaderService.Order order, int limit, String cursor) {
    }

    private final ReaderService reader;
    private final ObjectMapper json;
    private final Cache cache;

    RenderedPages(ReaderService reader, ObjectMapper json, @CacheName("reader-pages") Cache cache) {
        this.reader = reader;
        this.json = json;
        this.cache = cache;
    }

    /** The page if it is in memory: never blocks, so the event loop may ask. */
    public Optional<byte[]> cached(Key key) {
        CompletableFuture<Object> entry = cache.as(CaffeineCache.class).getIfPresent(key);
        if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of((byte[]) entry.join());
    }

    /** The page, rendered from the database on a miss (blocking). */
    public byte[] page(Key key) {
        return cache.get(key, k -> render(key)).await().indefinitely();
    }

    private byte[] render(Key key) {
        try {
            // An empty cursor is the first page.
            return json.writeValueAsBytes(reader.page(key.articleId(), key.order(), key.limit(),
                    key.cursor().isEmpty() ? null : key.cursor()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
