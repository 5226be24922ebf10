package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.internal.http1.BodyFraming;
import java.io.IOException;
import java.util.Locale;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Writes requests to servers, fixing the framing headers to match the body actually sent: a
 * buffered body keeps chunked coding when it came chunked, and otherwise gets an exact
 * Content-Length; a streamed body that a transformer may resize goes chunked.
 */
final class MessageWriter {
    private MessageWriter() {}

    /** Writes a buffered request, head and body, with one flush. */
    static void writeRequest(Upstream upstream, String target, Request request)
            throws IOException {
        byte[] body = request.rawContent() == null ? Bodies.EMPTY : request.rawContent();
        Headers headers = request.headers();
        boolean chunked = isChunked(headers);
        if (!chunked) {
            fixContentLength(headers, body.length, body.length > 0);
        }
        upstream.writeRequestHead(request.method(), target, request.httpVersion(),
                headers);
        writeBody(upstream.sink(), body, chunked, request.trailers());
        upstream.sink().flush();
    }

    /** Writes the head of a streamed request; the returned sink takes the body. */
    static BodyOut writeStreamedRequestHead(Upstream upstream, String target, Request request,
            BodyFraming framing, @Nullable ChunkTransformer transformer) throws IOException {
        Headers headers = request.headers();
        boolean chunked = framing.kind() == BodyFraming.Kind.CHUNKED || transformer != null;
        if (chunked) {
            makeChunked(headers);
        }
        upstream.writeRequestHead(request.method(), target, request.httpVersion(),
                headers);
        return chunked ? BodyOut.chunked(upstream.sink()) : BodyOut.identity(upstream.sink());
    }

    static void writeBody(BufferedSink sink, byte[] body, boolean chunked,
            @Nullable Headers trailers) throws IOException {
        BodyOut out = chunked ? BodyOut.chunked(sink) : BodyOut.identity(sink);
        out.write(body);
        out.finish(trailers);
    }

    static boolean isChunked(Headers headers) {
        String te = headers.get("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** Sets Content-Length to {@code length} when present, or when {@code add}. */
    static void fixContentLength(Headers headers, long length, boolean add) {
        String value = headers.get("Content-Length");
        String wanted = Long.toString(length);
        if (value == null ? add : !value.equals(wanted)) {
            headers.set("Content-Length", wanted);
        }
    }

    static void makeChunked(Headers headers) {
        headers.remove("Content-Length");
        if (!isChunked(headers)) {
            headers.set("Transfer-Encoding", "chunked");
        }
    }
}
