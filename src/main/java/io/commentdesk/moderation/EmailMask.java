package io.commentdesk.moderation;

/** Shows enough of an address to tell commenters apart in the queue, not enough to contact them. */
final class EmailMask {

    private EmailMask() {
    }

    /** {@code jane@example.com} becomes {@code j***@example.com}. */
    static String mask(String email) {
        int at = email.lastIndexOf('@');
        if (at < 1) {
            return "***";
        }
        return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
    }
}
