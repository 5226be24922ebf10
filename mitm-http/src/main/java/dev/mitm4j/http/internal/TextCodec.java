package dev.mitm4j.http.internal;

import dev.mitm4j.http.ContentDecodingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Converts between body bytes and text with a charset named in a header (which may be quoted,
 * unknown to Java, or "utf-8-sig"). Strict decoding reports malformed input; lenient decoding
 * falls back to UTF-8 with replacement characters.
 */
public final class TextCodec {
    private TextCodec() {}

    /**
     * Decodes {@code content} with {@code charsetName}.
     *
     * @throws ContentDecodingException in strict mode, for an unknown charset or malformed bytes
     */
    public static String decode(byte[] content, String charsetName, boolean strict) {
        boolean sig = charsetName.equalsIgnoreCase(ContentTypes.UTF8_SIG);
        Charset charset = sig ? StandardCharsets.UTF_8 : lookup(charsetName);
        byte[] bytes = sig && content.length >= 3 ? Arrays.copyOfRange(content, 3, content.length)
                : content;
        if (charset == null) {
            if (strict) {
                throw new ContentDecodingException(charsetName, "unknown charset", null);
            }
            return new String(content, StandardCharsets.UTF_8);
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            if (strict) {
                throw new ContentDecodingException(charsetName, "malformed text", e);
            }
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** {@return {@code text} encoded with {@code charsetName}, or null when that cannot be done} */
    public static byte @Nullable [] encode(String text, String charsetName) {
        Charset charset = charsetName.equalsIgnoreCase(ContentTypes.UTF8_SIG)
                ? StandardCharsets.UTF_8 : lookup(charsetName);
        if (charset == null || !charset.canEncode()) {
            return null;
        }
        try {
            ByteBuffer buf = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {@return the charset for a header's name (quotes stripped), or null when unknown} */
    public static @Nullable Charset lookup(String name) {
        String n = name.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.equalsIgnoreCase("utf8")) {
            n = "UTF-8";
        } else if (n.equalsIgnoreCase("latin-1") || n.equalsIgnoreCase("latin1")) {
            n = "ISO-8859-1";
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
