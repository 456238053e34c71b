package io.commentdesk.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

/**
 * Builds the cipher and hasher from configuration, and checks the keys at start-up so a service
 * with missing or malformed keys stops at once with a clear message instead of failing its first
 * submission.
 */
@ApplicationScoped
public class PrivacyProducers {

    @Produces
    @Singleton
    PrivacyKeys keys(PrivacyConfig config) {
        return PrivacyKeys.from(config);
    }

    @Produces
    @Singleton
    FieldCipher cipher(PrivacyKeys keys) {
        return new FieldCipher(keys);
    }

    @Produces
    @Singleton
    LookupHasher hasher(PrivacyKeys keys) {
        return new LookupHasher(keys);
    }

    @Produces
    @Singleton
    PreviewTokens previewTokens(PrivacyKeys keys) {
        return new PreviewTokens(keys);
    }

    void checkKeysAtStartup(@Observes StartupEvent event, PrivacyKeys keys) {
        // Injecting the keys is the check: PrivacyKeys.from throws on anything missing or wrong.
    }
}
