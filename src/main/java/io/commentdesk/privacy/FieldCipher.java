package io.commentdesk.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts personal fields (email, IP, user agent) with AES-256-GCM and a random 96-bit nonce.
 * A sealed value reads {@code <keyId>:<base64(nonce | ciphertext | tag)>}: the key id lets keys
 * rotate, and the purpose and key id are bound in as associated data so a value cannot be moved
 * to another column or relabelled with another key.
 */
public final class FieldCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PrivacyKeys keys;
    private final SecureRandom random = new SecureRandom();
    /** A Cipher per thread: looking one up costs more than using it, and one is not safe to share. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    public FieldCipher(PrivacyKeys keys) {
        this.keys = keys;
    }

    /** What a sealed value holds; part of the associated data. */
    public enum Purpose { EMAIL, IP_ADDRESS, USER_AGENT }

    public String seal(Purpose purpose, String plaintext) {
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.encryptionKey(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(purpose, keyId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return keyId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String open(Purpose purpose, String sealedValue) {
        int colon = sealedValue.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        String keyId = sealedValue.substring(0, colon);
        SecretKey key = keys.encryptionKey(keyId);
        if (key == null) {
            throw new IllegalStateException("No key with id " + keyId + " is configured (COMMENTS_EMAIL_RETIRED_KEYS?)");
        }
        byte[] bytes = Base64.getDecoder().decode(sealedValue.substring(colon + 1));
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(purpose, keyId));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealed value failed authentication", e);
        }
    }

    private static byte[] associatedData(Purpose purpose, String keyId) {
        return ("commentdesk/" + purpose.name() + "/" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
