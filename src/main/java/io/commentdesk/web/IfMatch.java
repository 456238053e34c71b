package io.commentdesk.web;

/**
 * Reads the version a client expects from {@code If-Match: "<version>"}, the ETag it was given.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The ETag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @return the expected version, or {@code null} for {@code If-Match: *} (any version)
     * @throws ProblemException 428 when the header is missing, 412 when it names no version of ours
     */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you saw, so no one else's change is overwritten.");
        }
        String value = header.trim();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "If-Match does not name a version of this comment.");
        }
    }
}
