package io.commentdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decodesPercentEscapesPlusSignsAndUtf8() {
        var form = FormBody.parse(ascii("author=Jos%C3%A9+Silva&comment=a%2Bb%0D%0Ac&empty=&flag"));
        assertThat(form).containsEntry("author", "José Silva")
                .containsEntry("comment", "a+b\r\nc")
                .containsEntry("empty", "")
                .containsEntry("flag", "");
    }

    @Test
    void keepsTheFirstOfRepeatedFields() {
        assertThat(FormBody.parse(ascii("a=1&a=2"))).containsEntry("a", "1");
    }

    @Test
    void refusesInvalidUtf8() {
        assertThatThrownBy(() -> FormBody.parse(ascii("comment=%FF%FE"))).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> FormBody.parse(ascii("comment=%ED%A0%80"))) // an encoded lone surrogate
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void refusesBrokenPercentEscapes() {
        assertThatThrownBy(() -> FormBody.parse(ascii("comment=%G1"))).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> FormBody.parse(ascii("comment=abc%2"))).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void readsAnEmptyBodyAsNoFields() {
        assertThat(FormBody.parse(new byte[0])).isEmpty();
        assertThat(FormBody.parse(null)).isEmpty();
    }
}
