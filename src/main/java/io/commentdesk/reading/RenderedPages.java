package io.commentdesk.reading;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * Pages serialised once (as JSON, or as the HTML fragment) and served from memory. The key holds the
 * article's revision, which moves with every change readers would see, so an entry is never stale: a
 * decision makes the next request miss and render afresh, on every replica. Size and age limits
 * (application.properties) bound memory.
 */
@ApplicationScoped
public class RenderedPages {

    /** How a page is written: the JSON document, or the HTML fragment a CMS includes ({@link ThreadFragment}). */
    enum Format { JSON, HTML }

    /** One page of one article's list, as of one revision, in one format. */
    record Key(String articleId, long revision, ReaderService.Order order, int limit, String cursor, Format format) {
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
        // An empty cursor is the first page.
        ReaderPage page = reader.page(key.articleId(), key.order(), key.limit(), key.cursor().isEmpty() ? null : key.cursor());
        if (key.format() == Format.HTML) {
            return ThreadFragment.render(page, key.order()).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
