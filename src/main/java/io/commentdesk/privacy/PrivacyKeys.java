package io.commentdesk.privacy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The decoded, checked key material. Building it fails with a message that tells ops exactly which
 * variable is missing or wrong, so a service never starts without real keys.
 */
public final class PrivacyKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final int KEY_BYTES = 32;

    private final String currentKeyId;
    private final Map<String, SecretKey> encryptionKeys;
    private final String hashKeyId;
    /** The current hash key first, then those lookups still (or already) accept. */
    private final Map<String, SecretKey> hashKeys;

    private PrivacyKeys(String currentKeyId, Map<String, SecretKey> encryptionKeys, String hashKeyId,
            Map<String, SecretKey> hashKeys) {
        this.currentKeyId = currentKeyId;
        this.encryptionKeys = Collections.unmodifiableMap(new LinkedHashMap<>(encryptionKeys));
        this.hashKeyId = hashKeyId;
        this.hashKeys = Collections.unmodifiableMap(new LinkedHashMap<>(hashKeys));
    }

    public static PrivacyKeys from(PrivacyConfig config) {
        String keyId = id("COMMENTS_EMAIL_KEY_ID", config.keyId());
        String hashKeyId = id("COMMENTS_EMAIL_HASH_KEY_ID", config.hashKeyId());
        byte[] current = decode("COMMENTS_EMAIL_KEY", config.key().orElse(null));
        byte[] hash = decode("COMMENTS_EMAIL_HASH_KEY", config.hashKey().orElse(null));
        Map<String, byte[]> encryption = keyring("COMMENTS_EMAIL_RETIRED_KEYS", "COMMENTS_EMAIL_KEY_ID", keyId, current,
                config.retiredKeys().orElse(List.of()));
        Map<String, byte[]> hashing = keyring("COMMENTS_EMAIL_RETIRED_HASH_KEYS", "COMMENTS_EMAIL_HASH_KEY_ID", hashKeyId, hash,
                config.retiredHashKeys().orElse(List.of()));
        for (byte[] e : encryption.values()) {
            for (byte[] h : hashing.values()) {
                if (Arrays.equals(e, h)) {
                    throw new IllegalStateException("COMMENTS_EMAIL_KEY and COMMENTS_EMAIL_HASH_KEY must be two different keys"
                            + " (so must every retired key of either kind).");
                }
            }
        }
        Map<String, SecretKey> encryptionKeys = new LinkedHashMap<>();
        encryption.forEach((id, bytes) -> encryptionKeys.put(id, new SecretKeySpec(bytes, "AES")));
        Map<String, SecretKey> hashKeys = new LinkedHashMap<>();
        hashing.forEach((id, bytes) -> hashKeys.put(id, new SecretKeySpec(bytes, "HmacSHA256")));
        return new PrivacyKeys(keyId, encryptionKeys, hashKeyId, hashKeys);
    }

    private static String id(String variable, String value) {
        String id = value == null ? "" : value.trim();
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(variable + " must be 1-16 letters, digits, '-' or '_'.");
        }
        return id;
    }

    /** The current key under its id, then each {@code id=base64} entry: distinct ids, and no key twice. */
    private static Map<String, byte[]> keyring(String variable, String idVariable, String currentId, byte[] current,
            List<String> entries) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(currentId, current);
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String id = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!KEY_ID.matcher(id).matches() || keys.containsKey(id)) {
                throw new IllegalStateException(variable + " must list distinct id=base64 entries whose ids differ from "
                        + idVariable + ".");
            }
            byte[] bytes = decode(variable + " entry " + id, entry.substring(eq + 1).trim());
            if (keys.values().stream().anyMatch(k -> Arrays.equals(k, bytes))) {
                throw new IllegalStateException(variable + " entry " + id + " is a key already in use under another id.");
            }
            keys.put(id, bytes);
        }
        return keys;
    }

    private static byte[] decode(String variable, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(variable + " is not set. Comment Desk encrypts readers' email addresses and will not"
                    + " start without its keys; generate one with `openssl rand -base64 32` and keep it secret.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not valid base64; generate one with `openssl rand -base64 32`.");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(variable + " must be base64 of exactly 32 bytes (it decodes to " + bytes.length
                    + "); generate one with `openssl rand -base64 32`.");
        }
        return bytes;
    }

    /** The id of the key that seals new values. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Every encryption key id that still opens values, the current one first. */
    public Set<String> encryptionKeyIds() {
        return encryptionKeys.keySet();
    }

    SecretKey encryptionKey(String keyId) {
        return encryptionKeys.get(keyId);
    }

    /** The id of the hash key that new comments are hashed with. */
    public String hashKeyId() {
        return hashKeyId;
    }

    /** Every hash key lookups accept, by id, the current one first. */
    Map<String, SecretKey> hashKeys() {
        return hashKeys;
    }

    /** Every key, by kind and id, as {@link KeyChecks} records and compares them. */
    Map<String, Map<String, SecretKey>> byKind() {
        return Map.of(KeyChecks.ENCRYPTION, encryptionKeys, KeyChecks.HASH, hashKeys);
    }
}
