package io.commentdesk.privacy;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Keys that protect readers' personal data at rest. None has a default outside the dev and test
 * profiles: production must bring its own (see {@link PrivacyKeys}).
 */
@ConfigMapping(prefix = "comments.email")
public interface PrivacyConfig {

    /** Base64 of the 32-byte AES-256 key that encrypts new values ({@code COMMENTS_EMAIL_KEY}). */
    Optional<String> key();

    /** The id written beside each ciphertext, so a later key can take over ({@code COMMENTS_EMAIL_KEY_ID}). */
    @WithDefault("k1")
    String keyId();

    /**
     * Earlier keys, still able to decrypt what they encrypted: {@code id=base64} entries
     * ({@code COMMENTS_EMAIL_RETIRED_KEYS}, comma-separated).
     */
    Optional<List<String>> retiredKeys();

    /**
     * Base64 of the 32-byte HMAC-SHA256 key for the lookup hashes of addresses, IPs and texts, written with
     * every new comment ({@code COMMENTS_EMAIL_HASH_KEY}).
     */
    Optional<String> hashKey();

    /** The id recorded beside each comment's hashes, so a later hash key can take over ({@code COMMENTS_EMAIL_HASH_KEY_ID}). */
    @WithDefault("h1")
    String hashKeyId();

    /**
     * Other hash keys that lookups accept too, while a rotation is under way: the next key before it becomes
     * current, the previous one until no row is hashed with it ({@code COMMENTS_EMAIL_RETIRED_HASH_KEYS},
     * comma-separated {@code id=base64} entries).
     */
    Optional<List<String>> retiredHashKeys();
}
