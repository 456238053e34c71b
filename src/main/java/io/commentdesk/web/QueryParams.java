package io.commentdesk.web;

import java.util.regex.Pattern;

/**
 * Numbers in query strings, read by hand: JAX-RS answers a parameter it cannot convert with a bare
 * 404, which names neither the parameter nor the rule. Here {@code limit=abc}, {@code 1e9},
 * {@code 1.5} or a 20-digit number is a 400 problem naming the parameter.
 */
public final class QueryParams {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private QueryParams() {
    }

    /**
     * @throws InvalidInputException naming the parameter when it is not a whole number from min to max
     */
    public static int integer(String name, String raw, int min, int max) {
        long value = digits(raw == null ? "" : raw.trim());
        if (value < min || value > max) {
            throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
        }
        return (int) value;
    }

    /**
     * A row id filter: absent (null or blank) or a positive whole number.
     *
     * @throws InvalidInputException naming the parameter otherwise
     */
    public static Long id(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        long value = digits(raw.trim());
        if (value < 1) {
            throw new InvalidInputException(name, "must be a positive whole number (an id)");
        }
        return value;
    }

    /** The number, or -1 when the text is not plain decimal digits (18 at most: no overflow). */
    private static long digits(String text) {
        return DIGITS.matcher(text).matches() ? Long.parseLong(text) : -1;
    }
}
