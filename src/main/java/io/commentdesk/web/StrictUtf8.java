package io.commentdesk.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a JSON body as strict UTF-8. Jackson's own decoder lets overlong forms through
 * ({@code C0 AF} would become "/"); the JDK's refuses them, along with encoded surrogates and
 * every other invalid sequence.
 */
public final class StrictUtf8 {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private StrictUtf8() {
    }

    public static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            // RFC 8259 lets a parser ignore a leading byte order mark; some Windows tools write one.
            return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("The request body is not valid UTF-8.");
        }
    }
}
