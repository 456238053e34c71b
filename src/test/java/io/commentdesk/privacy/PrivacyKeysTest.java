package io.commentdesk.privacy;

import static io.commentdesk.privacy.FieldCipherTest.HASH;
import static io.commentdesk.privacy.FieldCipherTest.KEY_A;
import static io.commentdesk.privacy.FieldCipherTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class PrivacyKeysTest {

    @Test
    void refusesToStartWithoutAnEncryptionKeyAndSaysWhichVariable() {
        assertThatThrownBy(() -> PrivacyKeys.from(config(null, "k1", null, HASH)))
                .hasMessageContaining("COMMENTS_EMAIL_KEY is not set")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void refusesToStartWithoutAHashKey() {
        assertThatThrownBy(() -> PrivacyKeys.from(config(KEY_A, "k1", null, " ")))
                .hasMessageContaining("COMMENTS_EMAIL_HASH_KEY is not set");
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PrivacyKeys.from(config(short16, "k1", null, HASH)))
                .hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void refusesAKeyThatIsNotBase64() {
        assertThatThrownBy(() -> PrivacyKeys.from(config("not base64!", "k1", null, HASH)))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void refusesTheSameKeyForEncryptionAndHashing() {
        assertThatThrownBy(() -> PrivacyKeys.from(config(KEY_A, "k1", null, KEY_A)))
                .hasMessageContaining("two different keys");
    }

    @Test
    void refusesARetiredKeyReusingTheCurrentId() {
        assertThatThrownBy(() -> PrivacyKeys.from(config(KEY_A, "k1", List.of("k1=" + KEY_A), HASH)))
                .hasMessageContaining("COMMENTS_EMAIL_RETIRED_KEYS");
    }

    @Test
    void hashesAddressesCaseAndSpaceInsensitivelyAndKeyed() {
        LookupHasher hasher = new LookupHasher(PrivacyKeys.from(config(KEY_A, "k1", null, HASH)));
        assertThat(hasher.emailHash(" Ana@Example.COM ")).isEqualTo(hasher.emailHash("ana@example.com")).hasSize(64);
        String otherKey = Base64.getEncoder().encodeToString("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz".getBytes());
        LookupHasher other = new LookupHasher(PrivacyKeys.from(config(KEY_A, "k1", null, otherKey)));
        assertThat(other.emailHash("ana@example.com")).isNotEqualTo(hasher.emailHash("ana@example.com"));
    }
}
