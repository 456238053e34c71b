package io.commentdesk.comment;

/** Who sent a submission, kept (sealed) for moderators only. Either part may be {@code null}. */
public record ClientInfo(String ipAddress, String userAgent) {

    /** User agents are kept for moderation, not forensics; a bounded length keeps rows small. */
    static final int MAX_USER_AGENT = 512;

    public ClientInfo {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
