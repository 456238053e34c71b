package io.commentdesk.comment;

import java.text.Normalizer;

/**
 * Brings submitted text to one canonical form: line breaks as {@code \n}, Unicode NFC, outer
 * whitespace trimmed. Text that is not valid Unicode, or carries control characters other than
 * newline and tab, is refused rather than silently repaired.
 */
final class TextNormalizer {

    private TextNormalizer() {
    }

    /** The outcome: normalised text, or the reason it was refused. */
    record Result(String text, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    static Result normalize(String raw, boolean multiline) {
        // Browsers send textarea line breaks as CRLF; store them as LF like every other newline.
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return new Result(null, "is not valid Unicode text (it contains an unpaired surrogate)");
            } else if (c == '\n') {
                if (!multiline) {
                    return new Result(null, "must be a single line");
                }
            } else if (c != '\t' && Character.getType(c) == Character.CONTROL) {
                return new Result(null, "must not contain control characters");
            }
        }
        return new Result(Normalizer.normalize(text, Normalizer.Form.NFC).strip(), null);
    }

    /** Length as a reader counts it: one per code point, so an emoji counts once. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
