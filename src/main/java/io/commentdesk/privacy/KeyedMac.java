package io.commentdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 under one key, with one initialised {@link Mac} per thread: looking up the provider
 * and setting the key cost more than hashing a short value, and every submission hashes four.
 */
final class KeyedMac {

    private final ThreadLocal<Mac> macs;

    KeyedMac(SecretKey key) {
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** The HMAC of the value's UTF-8 bytes ({@code doFinal} leaves the Mac ready for the next one). */
    byte[] of(String value) {
        return macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }
}
