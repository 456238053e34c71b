package io.commentdesk.privacy;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Keyed HMAC-SHA256 of an email address, lower-cased and trimmed, so later features can find one
 * commenter's comments without decrypting anything; without the key the hash cannot be reversed
 * by hashing guessed addresses.
 */
public final class LookupHasher {

    private final KeyedMac mac;

    public LookupHasher(PrivacyKeys keys) {
        this.mac = new KeyedMac(keys.hashKey());
    }

    public String emailHash(String email) {
        return hmacHex("email:" + email.trim().toLowerCase(Locale.ROOT));
    }

    /** Keyed hash of a sender's IP address, for the flood and rate rules. */
    public String ipHash(String ip) {
        return hmacHex("ip:" + ip);
    }

    /** Keyed hash of any value under a purpose (sender gates, idempotency keys, content). */
    public String keyed(String purpose, String value) {
        return hmacHex(purpose + ":" + value);
    }

    /**
     * A public, stable seed for a commenter's avatar, derived from the stored lookup hash: not the
     * address's MD5 (which Gravatar uses and which leaks addresses), and not the lookup hash itself.
     */
    public String avatarSeed(String emailHash) {
        return hmacHex("avatar:" + emailHash).substring(0, 32);
    }

    private String hmacHex(String value) {
        return HexFormat.of().formatHex(mac.of(value));
    }
}
