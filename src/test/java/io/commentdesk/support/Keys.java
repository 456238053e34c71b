package io.commentdesk.support;

import java.util.List;
import java.util.Optional;

import io.commentdesk.privacy.PrivacyConfig;
import io.commentdesk.privacy.PrivacyKeys;

/** Privacy keys as a replica would be configured with them, for tests that seal or hash as one does. */
public final class Keys {

    /** The test profile's keys (application.properties), ids k1 and h1. */
    public static final String TEST_KEY = "dGVzdC1vbmx5LWVtYWlsLWtleS1ub3QtZm9yLXByb2Q=";
    public static final String TEST_HASH_KEY = "dGVzdC1vbmx5LWhhc2gta2V5LW5vdC1mb3ItcHJvZCE=";

    private Keys() {
    }

    public static PrivacyConfig config(String key, String keyId, List<String> retired, String hashKey) {
        return config(key, keyId, retired, hashKey, "h1", null);
    }

    public static PrivacyConfig config(String key, String keyId, List<String> retired, String hashKey, String hashKeyId,
            List<String> retiredHashKeys) {
        return new PrivacyConfig() {
            public Optional<String> key() { return Optional.ofNullable(key); }
            public String keyId() { return keyId; }
            public Optional<List<String>> retiredKeys() { return Optional.ofNullable(retired); }
            public Optional<String> hashKey() { return Optional.ofNullable(hashKey); }
            public String hashKeyId() { return hashKeyId; }
            public Optional<List<String>> retiredHashKeys() { return Optional.ofNullable(retiredHashKeys); }
        };
    }

    public static PrivacyKeys keys(String key, String keyId, String hashKey, String hashKeyId) {
        return PrivacyKeys.from(config(key, keyId, null, hashKey, hashKeyId, null));
    }
}
