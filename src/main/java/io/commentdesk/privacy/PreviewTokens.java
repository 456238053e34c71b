package io.commentdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Tokens that let the author of a pending comment see it ("Your comment is awaiting moderation"),
 * like WordPress's moderation hash: {@code <expiry>.<HMAC(comment id, expiry)>}. Stateless, so any
 * replica checks them; unguessable without the installation's key; bound to one comment.
 */
public final class PreviewTokens {

    private final KeyedMac mac;
    /** Every hash key's, the current one first: a token issued just before a key rotation still works after it. */
    private final List<KeyedMac> accepted;

    public PreviewTokens(PrivacyKeys keys) {
        this.accepted = keys.hashKeys().values().stream().map(KeyedMac::new).toList();
        this.mac = accepted.get(0);
    }

    public String issue(long commentId, Instant expires) {
        long at = expires.getEpochSecond();
        return at + "." + mac(mac, commentId, at);
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
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        for (KeyedMac key : accepted) {
            if (MessageDigest.isEqual(mac(key, commentId, at).getBytes(StandardCharsets.US_ASCII), given)) {
                return true;
            }
        }
        return false;
    }

    private static String mac(KeyedMac mac, long commentId, long expiresAt) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.of("preview:" + commentId + ":" + expiresAt));
    }
}
