package io.commentdesk.web;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import jakarta.persistence.TypedQuery;

/**
 * Keyset pagination on (createdAt, id), shared by every listing: the HQL that continues after a
 * cursor, the ordering, the page-size rule and the next cursor. No OFFSET anywhere, so a page deep
 * in a large table costs what the first one does.
 */
public final class Keyset {

    public static final int MAX_LIMIT = 100;

    private Keyset() {
    }

    /**
     * {@code and (...)} continuing after {@code :at}/{@code :id} in the given direction. A row-value
     * comparison, which PostgreSQL turns into one index range start; the equivalent
     * {@code a > x or (a = x and b > y)} is planned as a filter and walks the skipped rows.
     */
    public static String after(String alias, boolean ascending) {
        String op = ascending ? ">" : "<";
        return " and (" + alias + ".createdAt, " + alias + ".id) " + op + " (:at, :id)";
    }

    public static String orderBy(String alias, boolean ascending) {
        String dir = ascending ? " asc" : " desc";
        return " order by " + alias + ".createdAt" + dir + ", " + alias + ".id" + dir;
    }

    public static void bind(TypedQuery<?> query, Cursor cursor) {
        query.setParameter("at", cursor.createdAt()).setParameter("id", cursor.id());
    }

    /**
     * The page size a client asked for.
     *
     * @throws InvalidInputException naming {@code limit} when it is not a whole number from 1 to 100
     */
    public static int limit(String limit) {
        return QueryParams.integer("limit", limit, 1, MAX_LIMIT);
    }

    /** The cursor after the last row of a page fetched with limit + 1 rows, or null when there is no more. */
    public static <T> String next(String scope, List<T> rows, int limit, Function<T, Instant> createdAt, ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return null;
        }
        T last = rows.get(limit - 1);
        return new Cursor(scope, createdAt.apply(last), id.applyAsLong(last)).encode();
    }
}
