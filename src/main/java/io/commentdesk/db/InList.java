package io.commentdesk.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Values for a SQL {@code IN (?, ?, …)} list, padded to a power of two by repeating the last one:
 * a batch of 1 to 128 values then makes 8 statement texts, not 128, for the driver to parse and
 * keep in its per-connection statement cache.
 */
public final class InList {

    private InList() {
    }

    /** The values, padded; {@code values} must not be empty. */
    public static <T> List<T> padded(Collection<T> values) {
        List<T> padded = new ArrayList<>(values);
        int size = Integer.highestOneBit(padded.size());
        if (size < padded.size()) {
            size <<= 1;
        }
        T last = padded.get(padded.size() - 1);
        while (padded.size() < size) {
            padded.add(last);
        }
        return padded;
    }

    /** Binds the values to parameters {@code first}, {@code first + 1}, …; returns the next parameter's index. */
    public static int bind(PreparedStatement statement, List<String> values, int first) throws SQLException {
        int index = first;
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }

    /** {@code "?, ?, ?"} for {@code count} values. */
    public static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
