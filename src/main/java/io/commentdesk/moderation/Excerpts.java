package io.commentdesk.moderation;

/**
 * The start of a comment's text, for context beside another comment: cut by characters as readers
 * count them (code points, so an emoji is never split in half).
 */
final class Excerpts {

    /** A parent comment's excerpt in a queue item. */
    static final int PARENT = 200;
    /** An excerpt of another comment by the same author. */
    static final int AUTHOR = 140;

    private Excerpts() {
    }

    /**
     * The first {@code max} characters of {@code text}. The text may itself be a prefix the database cut
     * (H2 counts UTF-16 units): a high surrogate left alone at its end is dropped.
     */
    static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        int end = text.length();
        if (text.codePointCount(0, end) > max) {
            end = text.offsetByCodePoints(0, max);
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
