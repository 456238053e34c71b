package io.commentdesk.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of {@code application/x-www-form-urlencoded} bodies, in UTF-8 unless the request
 * names another charset. Unlike a lenient decoder it refuses invalid byte sequences and broken
 * percent escapes instead of turning them into replacement characters, so what is stored is exactly
 * what the reader typed. When a field occurs twice the first value counts.
 */
public final class FormBody {

    private FormBody() {
    }

    public static Map<String, String> parse(byte[] body) {
        return parse(body, StandardCharsets.UTF_8);
    }

    public static Map<String, String> parse(byte[] body, Charset charset) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null) {
            return fields;
        }
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = indexOf(body, (byte) '=', start, i);
                    String name = decode(body, start, eq < 0 ? i : eq, charset);
                    String value = eq < 0 ? "" : decode(body, eq + 1, i, charset);
                    fields.putIfAbsent(name, value);
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] body, int from, int to, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new MalformedBodyException("The form body has a truncated percent escape.");
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw new MalformedBodyException("The form body has an invalid percent escape.");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("The form body is not valid " + charset.name() + ".");
        }
    }
}
