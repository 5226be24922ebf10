package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.internal.http1.Http1Heads;
import java.io.IOException;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTTP/1 start lines, header blocks and chunked-body endings into a buffered sink through
 * the codec's {@link Http1Heads} (nothing is flushed here, so head and body leave in one write).
 * Every head passes the codec's injection checks first; one it refuses becomes an
 * {@link UnwritableHeadException} with nothing written. Strings are ISO-8859-1, one char per wire
 * byte.
 */
final class Heads {
    private Heads() {}

    static void writeRequest(BufferedSink sink, String method, String target, String version,
            Headers headers) throws IOException {
        try {
            Http1Heads.writeRequestHead(sink, method, target, version, headers);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.request(e);
        }
    }

    static void writeResponse(BufferedSink sink, String version, int code, String reason,
            Headers headers) throws IOException {
        try {
            Http1Heads.writeResponseHead(sink, version, code, reason, headers);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.response(e);
        }
    }

    /** Writes the last chunk of a chunked body and the trailers ({@code null} for none). */
    static void writeLastChunk(BufferedSink sink, @Nullable Headers trailers) throws IOException {
        try {
            Http1Heads.writeLastChunk(sink, trailers);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.trailers(e);
        }
    }
}
