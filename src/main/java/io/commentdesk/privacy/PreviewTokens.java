package io.commentdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Tokens that let the author of a pending comment see it ("Your comment is awaiting moderation"),
 * like WordPress's moderation hash: {@code <expiry>.<HMAC(comment id, expiry)>}. Stateless, so any
 * replica checks them; unguessable without the installation's key; bound to one comment.
 */
public final class PreviewTokens {

    private final KeyedMac mac;

    public PreviewTokens(PrivacyKeys keys) {
        this.mac = new KeyedMac(keys.hashKey());
    }

    public String issue(long commentId, Instant expires) {
        long at = expires.getEpochSecond();
        return at + "." + mac(commentId, at);
    }

    public boolean verify(long commentId, String token, Instant now) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 19) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (now.getEpochSecond() >= at) {
            return false;
        }
        byte[] expected = mac(commentId, at).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(long commentId, long expiresAt) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.of("preview:" + commentId + ":" + expiresAt));
    }
}
