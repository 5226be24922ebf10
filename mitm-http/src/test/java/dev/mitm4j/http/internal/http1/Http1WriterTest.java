package dev.mitm4j.http.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.internal.TrustedHeaders;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Sink;
import org.junit.jupiter.api.Test;

class Http1WriterTest {
    private final Buffer out = new Buffer();
    private final Http1Writer writer = new Http1Writer(out);

    private static void write(Sink sink, String s) throws IOException {
        sink.write(new Buffer().writeUtf8(s), s.length());
    }

    @Test
    void requestHeadIsWrittenWithEditedHeadersRebuilt() throws IOException {
        Headers headers = Headers.of("Host", "h");
        headers.add("Accept", "*/*");
        writer.writeRequestHead("GET", "/x", "HTTP/1.1", headers);
        writer.body(BodyFraming.NONE).close();
        assertEquals("GET /x HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n", out.readUtf8());
        assertEquals(Http1Writer.State.IDLE, writer.state());
    }

    @Test
    void chunkedBodyWritesOneChunkPerWriteAndTheLastChunk() throws IOException {
        writer.writeResponseHead("HTTP/1.1", 200, "OK",
                Headers.of("Transfer-Encoding", "chunked"));
        try (Sink body = writer.body(BodyFraming.CHUNKED)) {
            write(body, "hello");
            write(body, "0123456789abcdefg");
        }
        assertEquals("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n11\r\n0123456789abcdefg\r\n0\r\n\r\n", out.readUtf8());
    }

    @Test
    void trailersFollowTheLastChunk() throws IOException {
        writer.writeResponseHead("HTTP/1.1", 200, "", new Headers());
        Sink body = writer.body(BodyFraming.CHUNKED);
        write(body, "ab");
        writer.writeTrailers(Headers.of("Checksum", "1"));
        body.close();
        assertEquals("HTTP/1.1 200 \r\n\r\n2\r\nab\r\n0\r\nChecksum: 1\r\n\r\n", out.readUtf8());
    }

    @Test
    void trailersWithoutAChunkedBodyAreAnError() throws IOException {
        writer.writeResponseHead("HTTP/1.1", 200, "OK", Headers.of("Content-Length", "1"));
        writer.body(BodyFraming.contentLength(1));
        assertThrows(IllegalStateException.class, () -> writer.writeTrailers(new Headers()));
    }

    @Test
    void fixedLengthBodyRejectsTooManyAndTooFewBytes() throws IOException {
        writer.writeRequestHead("POST", "/", "HTTP/1.1", Headers.of("Content-Length", "3"));
        Sink tooMany = writer.body(BodyFraming.contentLength(3));
        assertThrows(ProtocolException.class, () -> write(tooMany, "abcd"));
        write(tooMany, "ab");
        var e = assertThrows(ProtocolException.class, tooMany::close);
        assertEquals("body ended 1 bytes early", e.getMessage());
    }

    @Test
    void aHeadCannotBeWrittenWhileABodyIsOpen() throws IOException {
        writer.writeRequestHead("POST", "/", "HTTP/1.1", new Headers());
        BufferedSink body = Okio.buffer(writer.body(BodyFraming.UNTIL_CLOSE));
        var e = assertThrows(IllegalStateException.class,
                () -> writer.writeRequestHead("GET", "/", "HTTP/1.1", new Headers()));
        assertEquals("state: BODY", e.getMessage());
        body.writeUtf8("tail").close();
        assertEquals(Http1Writer.State.IDLE, writer.state());
    }

    @Test
    void noBodyRejectsAnyByte() throws IOException {
        writer.writeResponseHead("HTTP/1.1", 204, "No Content", new Headers());
        Sink none = writer.body(BodyFraming.NONE);
        assertThrows(ProtocolException.class, () -> write(none, "x"));
    }

    @Test
    void changedHeadersThatWouldInjectLinesAreRejectedWithoutEchoingTheValue() {
        // The model refuses such fields; only the codec's trusted path can still build them.
        Headers headers = unchecked("X-A", "ok\r\nSet-Cookie: SECRET");
        var e = assertThrows(IllegalArgumentException.class,
                () -> writer.writeResponseHead("HTTP/1.1", 200, "OK", headers));
        assertEquals("header value of X-A holds a forbidden character 0x0d at index 2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> writer.writeResponseHead(
                "HTTP/1.1", 200, "OK", unchecked("Bad Name", "v")));
        assertEquals("header name is not a token: it holds 0x20 at index 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.writeRequestHead(
                "GET", "/ HTTP/1.1\r\nHost: x", "HTTP/1.1", new Headers()));
        assertThrows(IllegalArgumentException.class, () -> writer.writeResponseHead(
                "HTTP/1.1", 200, "OK\nX: 1", new Headers()));
        assertEquals(0, out.size());
        assertEquals(Http1Writer.State.IDLE, writer.state());
    }

    @Test
    void startLinePartsAnHttp1LineCannotCarryAreRejectedBeforeAnyByte() {
        var e = assertThrows(IllegalArgumentException.class, () -> writer.writeRequestHead(
                "GET", "/a b", "HTTP/1.1", new Headers()));
        assertEquals("request-target holds a forbidden character 0x20 at index 2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> writer.writeResponseHead(
                "HTTP/1.1", 1000, "OK", new Headers()));
        assertEquals("status code 1000 does not have three digits", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.writeResponseHead(
                "HTTP/1.1", 0, "", new Headers()));
        assertThrows(IllegalArgumentException.class, () -> writer.writeRequestHead(
                "GET", "/", "HTTP/1.1\0", new Headers()));
        assertEquals(0, out.size());
    }

    @Test
    void changedTrailersThatWouldInjectLinesAreRejectedBeforeTheLastChunk() throws IOException {
        writer.writeResponseHead("HTTP/1.1", 200, "OK",
                Headers.of("Transfer-Encoding", "chunked"));
        Sink body = writer.body(BodyFraming.CHUNKED);
        write(body, "ab");
        out.clear();
        var e = assertThrows(IllegalArgumentException.class,
                () -> writer.writeTrailers(unchecked("Checksum", "1\r\n\r\nHTTP/1.1 200 OK")));
        assertEquals("trailer value of Checksum holds a forbidden character 0x0d at index 1",
                e.getMessage());
        assertEquals(0, out.size(), "not even the last chunk");
    }

    @Test
    void unchangedHeadersFromTheCodecGoOutAsReceived() throws IOException {
        byte[] raw = "x-a:  1 \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        writer.writeResponseHead("HTTP/1.1", 200, "OK",
                TrustedHeaders.of(List.of(new Headers.Field("x-a", "1")), raw));
        assertEquals("HTTP/1.1 200 OK\r\nx-a:  1 \r\n\r\n", out.readUtf8());
    }

    private static Headers unchecked(String name, String value) {
        return TrustedHeaders.of(List.of(new Headers.Field(name, value)), null);
    }
}
