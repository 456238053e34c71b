package io.commentdesk.notices;

/**
 * Something other replicas change and this one must hear of: it names the PostgreSQL channel on
 * which the changes are announced and takes each notice. Most keep what they heard in a memory,
 * which {@link Notices} keeps trusted or not; others only pass notices on.
 */
public interface Noticed {

    String channel();

    /** A change another replica (or this one) committed, as announced. */
    void heard(String payload);

    /** What this replica remembers of the changes; none ({@code null}) when it only passes them on. */
    default NoticedMemory<?, ?> memory() {
        return null;
    }

    /** Listening (again): notices sent while not listening were missed. */
    default void listening() {
        if (memory() != null) {
            memory().listening();
        }
    }

    /** Not listening (the connection was lost): notices sent now will be missed. */
    default void deaf() {
        if (memory() != null) {
            memory().deaf();
        }
    }
}
