package dev.mitm4j.http.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Sink;
import org.junit.jupiter.api.Test;

/**
 * {@link Http1Writer} at message level: whole messages and the heads of streamed ones, with the
 * framing headers made to match the body actually sent and the keep-alive decision recorded.
 */
class Http1MessageWriterTest {
    private final Buffer out = new Buffer();
    private final Http1Writer writer = new Http1Writer(out);

    private static Request request(String method, String body, String... headers) {
        return Request.builder().method(method).scheme("http").host("h").port(80).path("/p")
                .headers(Headers.of(headers))
                .content(body.getBytes(StandardCharsets.ISO_8859_1)).build();
    }

    private static Response response(int code, String version, String body, String... headers) {
        return Response.builder().statusCode(code).reason("R").httpVersion(version)
                .headers(Headers.of(headers))
                .content(body.getBytes(StandardCharsets.ISO_8859_1)).build();
    }

    private static void write(Sink sink, String s) throws IOException {
        sink.write(new Buffer().writeUtf8(s), s.length());
    }

    @Test
    void aWholeRequestGetsTheContentLengthOfItsBodyAndAnEmptyOneNone() throws IOException {
        writer.sendRequest(request("POST", "abc", "Host", "h", "Content-Length", "99"), "/p");
        assertEquals("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc",
                out.readUtf8());
        writer.sendRequest(request("GET", "", "Host", "h"), "/p");
        assertEquals("GET /p HTTP/1.1\r\nHost: h\r\n\r\n", out.readUtf8());
        assertEquals(Http1Writer.State.IDLE, writer.state());
    }

    @Test
    void aWholeChunkedRequestStaysChunkedWithItsTrailers() throws IOException {
        Request r = request("POST", "abcde", "Transfer-Encoding", "chunked");
        r.trailers(Headers.of("Sum", "1"));
        writer.sendRequest(r, "/p");
        assertEquals("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nabcde\r\n0\r\nSum: 1\r\n\r\n", out.readUtf8());
    }

    @Test
    void aResponseToHeadKeepsItsHeadersAndSendsNoBody() throws IOException {
        writer.sendResponse(response(200, "HTTP/1.1", "ignored", "Content-Length", "7"), "HEAD");
        assertEquals("HTTP/1.1 200 R\r\nContent-Length: 7\r\n\r\n", out.readUtf8());
        writer.sendResponse(response(304, "HTTP/1.1", ""), "GET");
        assertEquals("HTTP/1.1 304 R\r\n\r\n", out.readUtf8());
    }

    @Test
    void aWholeResponseAlwaysCarriesItsLength() throws IOException {
        writer.sendResponse(response(200, "HTTP/1.1", ""), "GET");
        assertEquals("HTTP/1.1 200 R\r\nContent-Length: 0\r\n\r\n", out.readUtf8());
        assertTrue(writer.persists());
    }

    @Test
    void theWrittenResponseDecidesWhetherTheConnectionPersists() throws IOException {
        writer.sendResponse(response(200, "HTTP/1.1", "x", "Connection", "keep-alive, Close"),
                "GET");
        assertFalse(writer.persists());
        writer.sendResponse(response(200, "HTTP/1.0", "x"), "GET");
        assertFalse(writer.persists());
        writer.sendResponse(response(200, "HTTP/1.0", "x", "Connection", "Keep-Alive"), "GET");
        assertTrue(writer.persists());
        out.clear();
    }

    @Test
    void aStreamedResponseThatMayChangeLengthGoesChunked() throws IOException {
        Sink body = writer.startResponse(response(200, "HTTP/1.1", "", "Content-Length", "5"),
                BodyFraming.contentLength(5), true);
        assertEquals("HTTP/1.1 200 R\r\nTransfer-Encoding: chunked\r\n\r\n", out.readUtf8(),
                "the head is flushed before the body");
        write(body, "hello!");
        body.close();
        assertEquals("6\r\nhello!\r\n0\r\n\r\n", out.readUtf8());
        assertTrue(writer.persists());
    }

    @Test
    void aStreamedHttp10ResponseThatMayChangeLengthLastsUntilTheConnectionCloses()
            throws IOException {
        Sink body = writer.startResponse(response(200, "HTTP/1.0", "", "Content-Length", "5"),
                BodyFraming.contentLength(5), true);
        write(body, "hello!");
        body.close();
        assertEquals("HTTP/1.0 200 R\r\n\r\nhello!", out.readUtf8());
        assertFalse(writer.persists());
    }

    @Test
    void aStreamedResponseKeepsTheLengthItArrivedWith() throws IOException {
        Sink body = writer.startResponse(response(200, "HTTP/1.1", "", "Content-Length", "2"),
                BodyFraming.contentLength(2), false);
        write(body, "ok");
        body.close();
        assertEquals("HTTP/1.1 200 R\r\nContent-Length: 2\r\n\r\nok", out.readUtf8());
        assertTrue(writer.persists());
        body = writer.startResponse(response(200, "HTTP/1.1", ""), BodyFraming.UNTIL_CLOSE,
                false);
        body.close();
        assertFalse(writer.persists(), "a body until close ends the connection");
    }

    @Test
    void aStreamedRequestIsChunkedOrCarriesTheLengthItStreams() throws IOException {
        Sink body = writer.startRequest(request("POST", "", "Content-Length", "1"), "/p", true, 0);
        write(body, "ab");
        body.close();
        assertEquals("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nab\r\n0\r\n\r\n", out.readUtf8());
        body = writer.startRequest(request("POST", "", "Content-Length", "1"), "/p", false, 2);
        write(body, "ab");
        body.close();
        assertEquals("POST /p HTTP/1.1\r\nContent-Length: 2\r\n\r\nab", out.readUtf8());
    }

    @Test
    void aRefusedWholeResponseLeavesTheWriterReadyForAnother() throws IOException {
        Response bad = response(1000, "HTTP/1.1", "x");
        assertThrows(IllegalArgumentException.class, () -> writer.sendResponse(bad, "GET"));
        assertEquals(0, out.size());
        assertEquals(Http1Writer.State.IDLE, writer.state());
        writer.sendHead("HTTP/1.1", 100, "Continue", new Headers());
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", out.readUtf8());
    }
}
