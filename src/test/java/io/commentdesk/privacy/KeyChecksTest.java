package io.commentdesk.privacy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.commentdesk.support.Keys;
import io.quarkus.test.junit.QuarkusTest;

/** A key id names one key for good: a replica given another key under an id in use refuses to start. */
@QuarkusTest
class KeyChecksTest {

    static final String OTHER = Base64.getEncoder().encodeToString("another-key-under-an-old-id-0001".getBytes());

    @Inject
    AgroalDataSource dataSource;

    @Test
    void refusesAnotherEncryptionKeyUnderAnIdInUse() {
        PrivacyKeys keys = PrivacyKeys.from(Keys.config(OTHER, "k1", null, Keys.TEST_HASH_KEY));
        assertThatThrownBy(() -> new KeyChecks().check(null, keys, dataSource)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("encryption key id k1").hasMessageContaining("COMMENTS_EMAIL_KEY_ID")
                .hasMessageNotContaining(OTHER);
    }

    @Test
    void refusesAnotherHashKeyUnderAnIdInUseEvenAsARetiredOne() {
        PrivacyKeys keys = PrivacyKeys.from(Keys.config(Keys.TEST_KEY, "k1", null, OTHER, "h9", List.of("h1=" + Base64.getEncoder()
                .encodeToString("yet-another-key-under-old-id-002".getBytes()))));
        assertThatThrownBy(() -> new KeyChecks().check(null, keys, dataSource)).hasMessageContaining("hash key id h1");
    }

    @Test
    void acceptsTheSameKeysAgainAndNewKeysUnderNewIds() {
        assertThatCode(() -> new KeyChecks().check(null, Keys.keys(Keys.TEST_KEY, "k1", Keys.TEST_HASH_KEY, "h1"), dataSource))
                .doesNotThrowAnyException();
        PrivacyKeys next = PrivacyKeys.from(Keys.config(OTHER, "k-next", List.of("k1=" + Keys.TEST_KEY), Keys.TEST_HASH_KEY));
        assertThatCode(() -> new KeyChecks().check(null, next, dataSource)).doesNotThrowAnyException();
    }
}
