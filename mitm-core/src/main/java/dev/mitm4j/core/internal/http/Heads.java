package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.BufferedSink;

/**
 * Writes HTTP/1 start lines and header blocks into a buffered sink (nothing is flushed here, so
 * head and body leave in one write). Strings are ISO-8859-1, one char per wire byte.
 */
final class Heads {
    private Heads() {}

    static void writeRequest(BufferedSink sink, String method, String target, String version,
            Headers headers) throws IOException {
        sink.writeString(method, StandardCharsets.ISO_8859_1).writeByte(' ')
                .writeString(target, StandardCharsets.ISO_8859_1).writeByte(' ')
                .writeString(version, StandardCharsets.ISO_8859_1).writeUtf8("\r\n");
        sink.write(headers.toHttp1Bytes());
    }

    static void writeResponse(BufferedSink sink, String version, int code, String reason,
            Headers headers) throws IOException {
        sink.writeString(version, StandardCharsets.ISO_8859_1).writeByte(' ')
                .writeDecimalLong(code).writeByte(' ')
                .writeString(reason, StandardCharsets.ISO_8859_1).writeUtf8("\r\n");
        sink.write(headers.toHttp1Bytes());
    }
}
