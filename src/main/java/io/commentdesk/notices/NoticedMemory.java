package io.commentdesk.notices;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What one replica remembers of rows other replicas may change, trusted only while it cannot miss a
 * change: while {@link Notices} listens (PostgreSQL), or always on the embedded database, which one
 * process owns. A value read from the database is only remembered if no change was heard while the
 * read ran, so a read that raced a change never leaves a stale value behind.
 *
 * <p>Beside it, the last value known of each key, trusted or not ({@link #lastKnown}): for when the
 * database cannot be asked. Deafness usually means the database is out of reach, and then nothing can
 * change anyway.
 */
public final class NoticedMemory<K, V> {

    private final Cache<K, V> values;
    /** What was last known of each key, kept across gaps in listening, if asked for; read only when the database cannot be. */
    private final Cache<K, V> lastKnown;
    /** Moves with every change heard of and every gap in listening. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean trusted;

    public NoticedMemory(long capacity, boolean trustedFromStart) {
        this(capacity, trustedFromStart, false);
    }

    /** @param keepLastKnown whether to keep {@link #lastKnown} values, for a memory that may answer without the database */
    public NoticedMemory(long capacity, boolean trustedFromStart, boolean keepLastKnown) {
        this.values = Caffeine.newBuilder().maximumSize(capacity).build();
        this.lastKnown = keepLastKnown ? Caffeine.newBuilder().maximumSize(capacity).build() : null;
        this.trusted = trustedFromStart;
    }

    /** The remembered value, or {@code null} when there is none or memory cannot be trusted now. */
    public V known(K key) {
        return trusted ? values.getIfPresent(key) : null;
    }

    /**
     * The value last known, trusted or not: for when the database cannot be asked. Stale only by a
     * change made while this replica was not listening, or whose notice was lost as the connection dropped.
     */
    public V lastKnown(K key) {
        return lastKnown == null ? null : lastKnown.getIfPresent(key);
    }

    /** Taken before reading the database; hand it to {@link #learn}. */
    public long mark() {
        return trusted ? changes.get() : -1;
    }

    /** Remembers what the database said, unless something changed since {@code mark}. */
    public void learn(long mark, K key, V value, BinaryOperator<V> merge) {
        if (mark >= 0 && trusted && changes.get() == mark) {
            values.asMap().merge(key, value, merge);
            if (lastKnown != null) {
                lastKnown.asMap().merge(key, value, merge);
            }
        }
    }

    /** A change, made here or heard of: with the new value (merged in), or {@code null} to forget the key. */
    public void changed(K key, V value, BinaryOperator<V> merge) {
        changes.incrementAndGet();
        if (value == null) {
            values.invalidate(key);
        } else {
            values.asMap().merge(key, value, merge);
        }
        if (lastKnown != null) {
            if (value == null) {
                lastKnown.invalidate(key);
            } else {
                lastKnown.asMap().merge(key, value, merge);
            }
        }
    }

    /** Listening (again): what memory holds may have missed changes during the gap. */
    void listening() {
        changes.incrementAndGet();
        values.invalidateAll();
        trusted = true;
    }

    /** Not listening: every read asks the database until listening again. */
    void deaf() {
        trusted = false;
        changes.incrementAndGet();
        values.invalidateAll();
    }
}
