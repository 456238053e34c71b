package io.commentdesk.privacy;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final SecretKey hashKey;

    private PrivacyKeys(String currentKeyId, Map<String, SecretKey> encryptionKeys, SecretKey hashKey) {
        this.currentKeyId = currentKeyId;
        this.encryptionKeys = Map.copyOf(encryptionKeys);
        this.hashKey = hashKey;
    }

    public static PrivacyKeys from(PrivacyConfig config) {
        String keyId = config.keyId().trim();
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalStateException("COMMENTS_EMAIL_KEY_ID must be 1-16 letters, digits, '-' or '_'.");
        }
        byte[] current = decode("COMMENTS_EMAIL_KEY", config.key().orElse(null));
        byte[] hash = decode("COMMENTS_EMAIL_HASH_KEY", config.hashKey().orElse(null));
        if (Arrays.equals(current, hash)) {
            throw new IllegalStateException("COMMENTS_EMAIL_KEY and COMMENTS_EMAIL_HASH_KEY must be two different keys.");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(keyId, new SecretKeySpec(current, "AES"));
        for (String entry : config.retiredKeys().orElse(java.util.List.of())) {
            int eq = entry.indexOf('=');
            String id = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!KEY_ID.matcher(id).matches() || keys.containsKey(id)) {
                throw new IllegalStateException(
                        "COMMENTS_EMAIL_RETIRED_KEYS must list distinct id=base64 entries whose ids differ from COMMENTS_EMAIL_KEY_ID.");
            }
            keys.put(id, new SecretKeySpec(decode("COMMENTS_EMAIL_RETIRED_KEYS entry " + id, entry.substring(eq + 1).trim()), "AES"));
        }
        return new PrivacyKeys(keyId, keys, new SecretKeySpec(hash, "HmacSHA256"));
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

    String currentKeyId() {
        return currentKeyId;
    }

    SecretKey encryptionKey(String keyId) {
        return encryptionKeys.get(keyId);
    }

    SecretKey hashKey() {
        return hashKey;
    }
}
