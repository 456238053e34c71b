package io.commentdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.commentdesk.privacy.FieldCipher.Purpose;
import io.commentdesk.support.Keys;

class FieldCipherTest {

    static final String KEY_A = Base64.getEncoder().encodeToString("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes());
    static final String KEY_B = Base64.getEncoder().encodeToString("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes());
    static final String HASH = Base64.getEncoder().encodeToString("hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh".getBytes());

    static PrivacyConfig config(String key, String keyId, List<String> retired, String hashKey) {
        return Keys.config(key, keyId, retired, hashKey);
    }

    final FieldCipher cipher = new FieldCipher(PrivacyKeys.from(config(KEY_A, "k1", null, HASH)));

    @Test
    void sealsWithTheKeyIdAndOpensAgain() {
        String sealed = cipher.seal(Purpose.EMAIL, "ana@example.com");
        assertThat(sealed).startsWith("k1:").doesNotContain("ana").doesNotContain("example");
        assertThat(cipher.open(Purpose.EMAIL, sealed)).isEqualTo("ana@example.com");
    }

    @Test
    void usesAFreshNonceEveryTime() {
        assertThat(cipher.seal(Purpose.EMAIL, "ana@example.com")).isNotEqualTo(cipher.seal(Purpose.EMAIL, "ana@example.com"));
    }

    @Test
    void refusesATamperedCiphertext() {
        String sealed = cipher.seal(Purpose.EMAIL, "ana@example.com");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "k1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> cipher.open(Purpose.EMAIL, tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAValueMovedToAnotherColumn() {
        String sealedEmail = cipher.seal(Purpose.EMAIL, "ana@example.com");
        assertThatThrownBy(() -> cipher.open(Purpose.IP_ADDRESS, sealedEmail)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void opensValuesSealedWithARetiredKeyAfterRotation() {
        String sealedBefore = cipher.seal(Purpose.EMAIL, "ana@example.com");
        FieldCipher rotated = new FieldCipher(PrivacyKeys.from(config(KEY_B, "k2", List.of("k1=" + KEY_A), HASH)));
        assertThat(rotated.open(Purpose.EMAIL, sealedBefore)).isEqualTo("ana@example.com");
        assertThat(rotated.seal(Purpose.EMAIL, "ana@example.com")).startsWith("k2:");
    }
}
