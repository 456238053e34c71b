package io.commentdesk.notices;

/**
 * Something a replica keeps in memory and other replicas change: it names the PostgreSQL channel
 * on which the changes are announced and its memory, which {@link Notices} keeps trusted or not.
 */
public interface Noticed {

    String channel();

    /** A change another replica (or this one) committed, as announced. */
    void heard(String payload);

    NoticedMemory<?, ?> memory();
}
