package io.commentdesk.privacy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.SecretKey;

/**
 * Keyed HMAC-SHA256 of an email address (lower-cased and trimmed), an IP address or a text, so rules and
 * admins find one commenter's comments without decrypting anything; without the key the hash cannot be
 * reversed by hashing guessed addresses. New rows are hashed with the current key; while a hash key is
 * rotated, {@link #others()} hash with the other keys lookups accept, so a row hashed with either is found.
 */
public final class LookupHasher {

    private final String keyId;
    private final KeyedMac mac;
    private final List<LookupHasher> others;
    private final List<LookupHasher> accepted;

    public LookupHasher(PrivacyKeys keys) {
        List<LookupHasher> all = new ArrayList<>();
        for (Map.Entry<String, SecretKey> key : keys.hashKeys().entrySet()) {
            all.add(new LookupHasher(key.getKey(), key.getValue()));
        }
        this.keyId = all.get(0).keyId;
        this.mac = all.get(0).mac;
        this.others = List.copyOf(all.subList(1, all.size()));
        all.set(0, this);
        this.accepted = List.copyOf(all);
    }

    private LookupHasher(String keyId, SecretKey key) {
        this.keyId = keyId;
        this.mac = new KeyedMac(key);
        this.others = List.of();
        this.accepted = List.of(this);
    }

    /** The id of the key this hasher hashes with, stored beside the hashes it makes. */
    public String keyId() {
        return keyId;
    }

    /** Hashers of the other keys that lookups accept: empty unless a hash key is being rotated. */
    public List<LookupHasher> others() {
        return others;
    }

    /** This hasher and {@link #others()}: every key lookups accept, the current one first. */
    public List<LookupHasher> accepted() {
        return accepted;
    }

    public String emailHash(String email) {
        return hmacHex("email:" + email.trim().toLowerCase(Locale.ROOT));
    }

    /** The address's hash under every key lookups accept, the current key's first. */
    public List<String> emailHashes(String email) {
        return accepted.stream().map(h -> h.emailHash(email)).toList();
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
