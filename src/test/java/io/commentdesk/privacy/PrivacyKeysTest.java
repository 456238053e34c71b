package io.commentdesk.privacy;

import static io.commentdesk.privacy.FieldCipherTest.HASH;
import static io.commentdesk.privacy.FieldCipherTest.KEY_A;
import static io.commentdesk.privacy.FieldCipherTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.commentdesk.support.Keys;

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

    @Test
    void refusesRetiredHashKeysThatRepeatAnIdOrAKey() {
        String other = Base64.getEncoder().encodeToString("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy".getBytes());
        assertThatThrownBy(() -> PrivacyKeys.from(Keys.config(KEY_A, "k1", null, HASH, "h1", List.of("h1=" + other))))
                .hasMessageContaining("COMMENTS_EMAIL_RETIRED_HASH_KEYS");
        assertThatThrownBy(() -> PrivacyKeys.from(Keys.config(KEY_A, "k1", null, HASH, "h2", List.of("h1=" + HASH))))
                .hasMessageContaining("already in use under another id");
        assertThatThrownBy(() -> PrivacyKeys.from(Keys.config(KEY_A, "k1", null, HASH, "h2", List.of("h1=" + KEY_A))))
                .as("a hash key that is also an encryption key").hasMessageContaining("two different keys");
        assertThatThrownBy(() -> PrivacyKeys.from(Keys.config(KEY_A, "k1", null, HASH, "h 1", null)))
                .hasMessageContaining("COMMENTS_EMAIL_HASH_KEY_ID");
    }

    @Test
    void whileAHashKeyIsRotatedLookupsHashWithEveryAcceptedKeyTheCurrentFirst() {
        String next = Base64.getEncoder().encodeToString("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy".getBytes());
        LookupHasher before = new LookupHasher(PrivacyKeys.from(Keys.config(KEY_A, "k1", null, HASH, "h1", null)));
        LookupHasher after = new LookupHasher(PrivacyKeys.from(Keys.config(KEY_A, "k1", null, next, "h2", List.of("h1=" + HASH))));
        LookupHasher nextAlone = new LookupHasher(PrivacyKeys.from(Keys.config(KEY_A, "k1", null, next, "h2", null)));
        assertThat(before.others()).isEmpty();
        assertThat(before.emailHashes("ana@example.com")).containsExactly(before.emailHash("ana@example.com"));
        assertThat(after.keyId()).isEqualTo("h2");
        assertThat(after.accepted()).extracting(LookupHasher::keyId).containsExactly("h2", "h1");
        assertThat(after.emailHashes("Ana@example.com")).containsExactly(nextAlone.emailHash("ana@example.com"),
                before.emailHash("ana@example.com"));
    }

    @Test
    void aPreviewTokenIssuedBeforeAHashKeyRotationStillOpensAfterItButNotOnceTheKeyIsDropped() {
        String next = Base64.getEncoder().encodeToString("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy".getBytes());
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        String token = new PreviewTokens(PrivacyKeys.from(Keys.config(KEY_A, "k1", null, HASH, "h1", null)))
                .issue(42, now.plusSeconds(600));
        PreviewTokens rotating = new PreviewTokens(PrivacyKeys.from(Keys.config(KEY_A, "k1", null, next, "h2", List.of("h1=" + HASH))));
        PreviewTokens rotated = new PreviewTokens(PrivacyKeys.from(Keys.config(KEY_A, "k1", null, next, "h2", null)));
        assertThat(rotating.verify(42, token, now)).isTrue();
        assertThat(rotating.verify(43, token, now)).isFalse();
        assertThat(rotated.verify(42, token, now)).isFalse();
        assertThat(rotated.verify(42, rotating.issue(42, now.plusSeconds(600)), now)).as("new tokens use the new key").isTrue();
    }
}
