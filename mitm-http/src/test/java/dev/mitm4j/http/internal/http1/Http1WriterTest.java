package dev.mitm4j.http.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.net.ProtocolException;
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
        Headers headers = Headers.of("X-A", "ok\r\nSet-Cookie: SECRET");
        var e = assertThrows(IllegalArgumentException.class,
                () -> writer.writeResponseHead("HTTP/1.1", 200, "OK", headers));
        assertEquals("header value of X-A holds a forbidden character 0x0d at index 2",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.writeResponseHead(
                "HTTP/1.1", 200, "OK", Headers.of("Bad Name", "v")));
        assertThrows(IllegalArgumentException.class, () -> writer.writeRequestHead(
                "GET", "/ HTTP/1.1\r\nHost: x", "HTTP/1.1", new Headers()));
        assertThrows(IllegalArgumentException.class, () -> writer.writeResponseHead(
                "HTTP/1.1", 200, "OK\nX: 1", new Headers()));
        assertEquals(0, out.size());
        assertEquals(Http1Writer.State.IDLE, writer.state());
    }
}
