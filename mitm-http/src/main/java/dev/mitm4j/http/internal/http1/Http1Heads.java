package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Serialises HTTP/1 heads (start line and header block) and the end of a chunked body (last chunk
 * and trailers) into a buffered sink, after checking that they keep the message's structure: the
 * last line of defence against injection, behind the model's own checks. Every part is checked
 * before the first byte is written, so a refused head leaves the sink untouched and the
 * connection usable for another message (a 502, say). Nothing is flushed.
 *
 * <p>Refused, with an {@link IllegalArgumentException} that names the part or the field and
 * never contains the value:
 * <ul>
 *   <li>a method, request-target or version holding SP, CR, LF or NUL;
 *   <li>a reason phrase holding CR, LF or NUL; a status code outside 100..999;
 *   <li>in headers and trailers changed since the codec read them: an empty or non-token name, or
 *       a value holding CR, LF or NUL. (Unchanged ones go out as the validated bytes received.)
 * </ul>
 * Stateless and thread-safe; the sink is the caller's.
 */
public final class Http1Heads {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};

    private Http1Heads() {}

    /**
     * Writes {@code method SP target SP version CRLF} and the header block.
     *
     * @throws IllegalArgumentException when a part would break the message (see the class
     *     comment); nothing was written then
     */
    public static void writeRequestHead(BufferedSink sink, String method, String target,
            String version, Headers headers) throws IOException {
        checkPart("method", method, true);
        checkPart("request-target", target, true);
        checkPart("HTTP version", version, true);
        checkHeaders("header", headers);
        latin1(sink, method).writeByte(' ');
        latin1(sink, target).writeByte(' ');
        latin1(sink, version).write(CRLF);
        sink.write(headers.toHttp1Bytes());
    }

    /**
     * Writes {@code version SP code SP reason CRLF} and the header block.
     *
     * @throws IllegalArgumentException when a part would break the message (see the class
     *     comment); nothing was written then
     */
    public static void writeResponseHead(BufferedSink sink, String version, int code,
            String reason, Headers headers) throws IOException {
        checkPart("HTTP version", version, true);
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code " + code
                    + " does not have three digits");
        }
        checkPart("reason", reason, false);
        checkHeaders("header", headers);
        latin1(sink, version).writeByte(' ').writeDecimalLong(code).writeByte(' ');
        latin1(sink, reason).write(CRLF);
        sink.write(headers.toHttp1Bytes());
    }

    /**
     * Writes the last chunk of a chunked body and the trailer block ({@code null} or empty for
     * none).
     *
     * @throws IllegalArgumentException when a trailer would break the message (see the class
     *     comment); nothing was written then
     */
    public static void writeLastChunk(BufferedSink sink, @Nullable Headers trailers)
            throws IOException {
        if (trailers == null || trailers.isEmpty()) {
            sink.write(LAST_CHUNK).write(CRLF);
            return;
        }
        checkHeaders("trailer", trailers);
        sink.write(LAST_CHUNK).write(trailers.toHttp1Bytes());
    }

    private static BufferedSink latin1(BufferedSink sink, String s) throws IOException {
        return sink.writeString(s, StandardCharsets.ISO_8859_1);
    }

    private static void checkHeaders(String kind, Headers headers) {
        if (headers.isRaw()) {
            return; // validated by the codec when read, and unchanged since
        }
        for (Headers.Field field : headers) {
            String name = field.name();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty " + kind + " name");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c > 0xff || !Chars.TCHAR[c]) {
                    throw new IllegalArgumentException(kind + " name is not a token: it holds "
                            + HttpParseException.hex(c) + " at index " + i);
                }
            }
            checkPart(kind + " value of " + name, field.value(), false);
        }
    }

    private static void checkPart(String what, String s, boolean noSpace) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (noSpace && c == ' ')) {
                throw new IllegalArgumentException(what + " holds a forbidden character "
                        + HttpParseException.hex(c) + " at index " + i);
            }
        }
    }
}
