package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.HttpParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;

/**
 * Parses every message of a byte stream and describes the result as text (heads, framing, body,
 * trailers, or the error's type, offset and state), and re-writes what it read, so that a test can
 * compare whole-buffer parsing, one-byte-at-a-time parsing and the round trip.
 */
final class Transcript {
    final StringBuilder text = new StringBuilder();
    final Buffer written = new Buffer();
    HttpParseException error;

    static String crlf(String s) {
        return s.replace("\n", "\r\n");
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static BufferedSource source(byte[] input, boolean oneByte) {
        Source raw = oneByte ? new OneByteSource(input) : new Buffer().write(input);
        return Okio.buffer(raw);
    }

    /** Reads requests until EOF or an error. */
    static Transcript requests(byte[] input, boolean oneByte, Http1Limits limits)
            throws IOException {
        Transcript t = new Transcript();
        Http1Reader reader = new Http1Reader(source(input, oneByte), limits);
        Http1Writer writer = new Http1Writer(t.written);
        try {
            RequestHead head;
            while ((head = reader.readRequestHead()) != null) {
                t.text.append("REQUEST ").append(head.method()).append(' ').append(head.target())
                        .append(' ').append(head.version()).append(" @").append(head.offset())
                        .append('\n');
                t.headers(head.headers());
                writer.writeRequestHead(head.method(), head.target(), head.version(),
                        head.headers());
                t.body(reader, writer, reader.requestFraming(head));
            }
        } catch (HttpParseException e) {
            t.error(e);
        }
        return t;
    }

    /** Reads responses (to requests of {@code method}) until EOF or an error. */
    static Transcript responses(byte[] input, boolean oneByte, Http1Limits limits, String method)
            throws IOException {
        Transcript t = new Transcript();
        BufferedSource source = source(input, oneByte);
        Http1Reader reader = new Http1Reader(source, limits);
        Http1Writer writer = new Http1Writer(t.written);
        try {
            while (reader.state() == Http1Reader.State.IDLE && !source.exhausted()) {
                ResponseHead head = reader.readResponseHead();
                t.text.append("RESPONSE ").append(head.version()).append(' ').append(head.code())
                        .append(" [").append(head.reason()).append("] @").append(head.offset())
                        .append('\n');
                t.headers(head.headers());
                writer.writeResponseHead(head.version(), head.code(), head.reason(),
                        head.headers());
                t.body(reader, writer, reader.responseFraming(method, head));
            }
        } catch (HttpParseException e) {
            t.error(e);
        }
        return t;
    }

    private void headers(Headers headers) {
        for (Headers.Field field : headers) {
            text.append("  ").append(field.name()).append(": [").append(field.value())
                    .append("]\n");
        }
    }

    private void body(Http1Reader reader, Http1Writer writer, BodyFraming framing)
            throws IOException {
        text.append("  framing ").append(framing).append('\n');
        Buffer body = new Buffer();
        try (Source source = reader.body(framing); BufferedSink sink = Okio.buffer(
                writer.body(framing))) {
            Buffer chunk = new Buffer();
            long n;
            while ((n = source.read(chunk, 1 << 20)) != -1) {
                chunk.copyTo(body, 0, n);
                sink.write(chunk, n);
                sink.emit();
            }
            if (reader.trailers() != null && !reader.trailers().isEmpty()) {
                writer.writeTrailers(reader.trailers());
            }
        }
        text.append("  body [").append(body.readString(StandardCharsets.ISO_8859_1))
                .append("]\n");
        if (reader.trailers() != null) {
            text.append("  trailers\n");
            headers(reader.trailers());
        }
    }

    private void error(HttpParseException e) {
        error = e;
        text.append("ERROR ").append(e.getClass().getSimpleName()).append(" @").append(e.offset())
                .append(' ').append(e.state()).append('\n');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
