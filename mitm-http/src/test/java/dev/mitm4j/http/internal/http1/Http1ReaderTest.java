package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.internal.http1.Transcript.crlf;
import static dev.mitm4j.http.internal.http1.Transcript.latin1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.IncompleteMessageException;
import dev.mitm4j.http.LimitExceededException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Okio;
import org.junit.jupiter.api.Test;

class Http1ReaderTest {
    private static Http1Reader reader(String input) {
        return reader(input, Http1Limits.defaults());
    }

    private static Http1Reader reader(String input, Http1Limits limits) {
        return new Http1Reader(Transcript.source(latin1(input), true), limits);
    }

    private static String readAll(okio.Source body) throws IOException {
        return Okio.buffer(body).readString(StandardCharsets.ISO_8859_1);
    }

    private static BodyFraming responseFraming(String method, String head) throws IOException {
        Http1Reader reader = reader(crlf(head));
        return reader.responseFraming(method, reader.readResponseHead());
    }

    @Test
    void cleanEndOfStreamBeforeARequestGivesNull() throws IOException {
        assertNull(reader("").readRequestHead());
        assertNull(reader("\r\n").readRequestHead());
    }

    @Test
    void streamEndingInsideARequestLineIsIncomplete() {
        var e = assertThrows(IncompleteMessageException.class,
                () -> reader("GET / HT").readRequestHead());
        assertEquals(8, e.offset());
    }

    @Test
    void responseFramingFollowsRfc9112Section6() throws IOException {
        assertEquals(BodyFraming.NONE, responseFraming("HEAD", "HTTP/1.1 200 OK\n\n"));
        assertEquals(BodyFraming.NONE, responseFraming("GET", "HTTP/1.1 101 Switching\n\n"));
        assertEquals(BodyFraming.NONE, responseFraming("GET", "HTTP/1.1 204 No\n\n"));
        assertEquals(BodyFraming.NONE,
                responseFraming("GET", "HTTP/1.1 304 No\nContent-Length: 9\n\n"));
        assertEquals(BodyFraming.NONE, responseFraming("CONNECT", "HTTP/1.1 200 OK\n\n"));
        assertEquals(BodyFraming.UNTIL_CLOSE,
                responseFraming("CONNECT", "HTTP/1.1 407 Auth\n\n"));
        assertEquals(BodyFraming.UNTIL_CLOSE, responseFraming("GET", "HTTP/1.1 200 OK\n\n"));
        assertEquals(BodyFraming.contentLength(9),
                responseFraming("GET", "HTTP/1.1 200 OK\nContent-Length: 9\n\n"));
        assertEquals(BodyFraming.CHUNKED,
                responseFraming("GET", "HTTP/1.1 200 OK\nTransfer-Encoding: gzip, chunked\n\n"));
    }

    @Test
    void requestWithoutFramingHeadersHasNoBody() throws IOException {
        Http1Reader reader = reader(crlf("GET / HTTP/1.1\nHost: h\n\n"));
        RequestHead head = reader.readRequestHead();
        assertEquals(BodyFraming.NONE, reader.requestFraming(head));
        assertTrue(reader.requestFraming(head).isEmpty());
    }

    @Test
    void chunkedBodyIsDecodedAndTrailersAreAvailableAfterwards() throws IOException {
        Http1Reader reader = reader(crlf("""
                POST / HTTP/1.1
                Transfer-Encoding: chunked

                4;ext=1
                Wiki
                5
                pedia
                0
                Digest: x

                """));
        RequestHead head = reader.readRequestHead();
        assertEquals("Wikipedia", readAll(reader.body(reader.requestFraming(head))));
        assertEquals(Headers.of("Digest", "x"), reader.trailers());
        assertEquals(Http1Reader.State.IDLE, reader.state());
        assertNull(reader.readRequestHead());
    }

    @Test
    void expectContinueIsReportedForHttp11Only() throws IOException {
        String body = "Expect: 100-Continue\nContent-Length: 1\n\nx";
        assertTrue(reader(crlf("PUT / HTTP/1.1\n" + body)).readRequestHead().expectsContinue());
        assertFalse(reader(crlf("PUT / HTTP/1.0\n" + body)).readRequestHead().expectsContinue());
        assertFalse(reader(crlf("PUT / HTTP/1.1\n\n")).readRequestHead().expectsContinue());
    }

    @Test
    void upgradeIsReportedOnlyWhenConnectionListsIt() throws IOException {
        RequestHead ws = reader(crlf("""
                GET /chat HTTP/1.1
                Connection: keep-alive, Upgrade
                Upgrade: websocket

                """)).readRequestHead();
        assertEquals("websocket", ws.upgrade());
        RequestHead no = reader(crlf("GET / HTTP/1.1\nUpgrade: h2c\n\n")).readRequestHead();
        assertNull(no.upgrade());
        ResponseHead switched = reader(crlf(
                "HTTP/1.1 101 Switching Protocols\nConnection: upgrade\nUpgrade: websocket\n\n"))
                .readResponseHead();
        assertEquals("websocket", switched.upgrade());
        assertTrue(switched.isInterim());
    }

    @Test
    void keepAliveDependsOnVersionAndConnection() throws IOException {
        assertTrue(reader(crlf("GET / HTTP/1.1\n\n")).readRequestHead().keepAlive());
        assertFalse(reader(crlf("GET / HTTP/1.1\nConnection: close\n\n"))
                .readRequestHead().keepAlive());
        assertFalse(reader(crlf("GET / HTTP/1.0\n\n")).readRequestHead().keepAlive());
        assertTrue(reader(crlf("GET / HTTP/1.0\nConnection: Keep-Alive\n\n"))
                .readRequestHead().keepAlive());
    }

    @Test
    void readingTheNextHeadBeforeTheBodyIsAnError() throws IOException {
        Http1Reader reader = reader(crlf("POST / HTTP/1.1\nContent-Length: 1\n\nx"));
        reader.readRequestHead();
        var e = assertThrows(IllegalStateException.class, reader::readRequestHead);
        assertEquals("state: HEAD_READ", e.getMessage());
    }

    @Test
    void closingABodyEarlyLeavesTheReaderClosed() throws IOException {
        Http1Reader reader = reader(crlf("POST / HTTP/1.1\nContent-Length: 3\n\nxyz"));
        RequestHead head = reader.readRequestHead();
        reader.body(reader.requestFraming(head)).close();
        assertEquals(Http1Reader.State.CLOSED, reader.state());
        assertThrows(IllegalStateException.class, reader::readRequestHead);
    }

    @Test
    void offsetsCountEveryConsumedByte() throws IOException {
        String first = crlf("POST / HTTP/1.1\nContent-Length: 2\n\nab");
        Http1Reader reader = reader(first + crlf("GET /next HTTP/1.1\n\n"));
        RequestHead head = reader.readRequestHead();
        readAll(reader.body(reader.requestFraming(head)));
        assertEquals(first.length(), reader.offset());
        assertEquals(first.length(), reader.readRequestHead().offset());
    }

    @Test
    void requestLineLongerThanTheLimitIsRejected() {
        Http1Limits limits = Http1Limits.builder().maxStartLine(16).build();
        var e = assertThrows(LimitExceededException.class,
                () -> reader("GET /0123456789abcdef HTTP/1.1\r\n\r\n", limits).readRequestHead());
        assertEquals(16, e.offset());
        assertEquals("REQUEST_LINE", e.state());
    }

    @Test
    void headerBlockLargerThanTheLimitIsRejected() {
        Http1Limits limits = Http1Limits.builder().maxHeaderBlock(32).build();
        var e = assertThrows(LimitExceededException.class, () -> reader(
                "GET / HTTP/1.1\r\nX-Long: " + "a".repeat(40) + "\r\n\r\n", limits)
                .readRequestHead());
        assertEquals(16 + 32, e.offset());
    }

    @Test
    void moreHeaderFieldsThanTheLimitAreRejected() {
        Http1Limits limits = Http1Limits.builder().maxHeaderCount(2).build();
        var e = assertThrows(LimitExceededException.class, () -> reader(
                "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits).readRequestHead());
        assertEquals(28, e.offset());
        assertTrue(e.getMessage().startsWith("more than 2 header fields"), e.getMessage());
    }

    @Test
    void chunkSizeLineLongerThanTheLimitIsRejected() throws IOException {
        Http1Limits limits = Http1Limits.builder().maxChunkSizeLine(8).build();
        Http1Reader reader = reader(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;long-extension\r\nx", limits);
        RequestHead head = reader.readRequestHead();
        var body = reader.body(reader.requestFraming(head));
        var e = assertThrows(LimitExceededException.class, () -> readAll(body));
        assertEquals("CHUNK_SIZE", e.state());
    }

    @Test
    void lenientModeUnfoldsObsFoldAndDropsTheRawBlock() throws IOException {
        Http1Limits lenient = Http1Limits.builder().strict(false).build();
        RequestHead head = reader("GET / HTTP/1.1\r\nX-A: one\r\n\t two\r\nB: 2\r\n\r\n", lenient)
                .readRequestHead();
        assertEquals("one two", head.headers().get("X-A"));
        assertFalse(head.headers().isRaw());
        assertArrayEquals(latin1("X-A: one two\r\nB: 2\r\n\r\n"), head.headers().toHttp1Bytes());
    }

    @Test
    void lenientModeAcceptsBareLineFeeds() throws IOException {
        Http1Limits lenient = Http1Limits.builder().strict(false).build();
        Http1Reader reader = reader(
                "\nPOST / HTTP/1.1\nTransfer-Encoding: chunked\n\n2\nok\n0\n\nGET / HTTP/1.1\n\n",
                lenient);
        RequestHead head = reader.readRequestHead();
        assertEquals("chunked", head.headers().get("transfer-encoding"));
        assertEquals("ok", readAll(reader.body(reader.requestFraming(head))));
        assertNotNull(reader.readRequestHead());
    }

    @Test
    void lenientModeStillRejectsSmugglingShapes() {
        Http1Limits lenient = Http1Limits.builder().strict(false).build();
        assertThrows(dev.mitm4j.http.ConflictingFramingException.class, () -> reader(
                crlf("POST / HTTP/1.1\nContent-Length: 1\nTransfer-Encoding: chunked\n\n"),
                lenient).readRequestHead());
    }

    @Test
    void interimResponsesAreReadLikeAnyOther() throws IOException {
        Http1Reader reader = reader(crlf("HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\n"
                + "Content-Length: 2\n\nok"));
        ResponseHead interim = reader.readResponseHead();
        assertTrue(interim.isInterim());
        assertEquals("", readAll(reader.body(reader.responseFraming("POST", interim))));
        ResponseHead last = reader.readResponseHead();
        assertEquals("ok", readAll(reader.body(reader.responseFraming("POST", last))));
    }

    @Test
    void bodyUntilCloseEndsWithTheStreamAndClosesTheReader() throws IOException {
        Http1Reader reader = new Http1Reader(Okio.buffer((okio.Source) new Buffer().writeUtf8(
                "HTTP/1.0 200 OK\r\n\r\nrest of stream")), Http1Limits.defaults());
        ResponseHead head = reader.readResponseHead();
        assertEquals("rest of stream", readAll(reader.body(reader.responseFraming("GET", head))));
        assertEquals(Http1Reader.State.CLOSED, reader.state());
    }

    @Test
    void limitsRejectNonPositiveValuesNamingTheLimit() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Http1Limits.builder().maxHeaderCount(0));
        assertEquals("maxHeaderCount must be > 0: 0", e.getMessage());
        assertEquals(Http1Limits.defaults(), Http1Limits.defaults().toBuilder().build());
        assertEquals(64 * 1024, Http1Limits.defaults().maxStartLine());
        assertEquals(256 * 1024, Http1Limits.defaults().maxHeaderBlock());
        assertEquals(1000, Http1Limits.defaults().maxHeaderCount());
    }

    @Test
    void aLargeHeadPipelinedBehindABodyIsReadWhole() throws IOException {
        String cookie = "c".repeat(40_000);
        String big = "GET /big HTTP/1.1\r\nCookie: " + cookie + "\r\n\r\n";
        Http1Reader reader = new Http1Reader(Okio.buffer((okio.Source) new Buffer().writeUtf8(
                crlf("POST / HTTP/1.1\nContent-Length: 3\n\nxyz") + big)), Http1Limits.defaults());
        RequestHead post = reader.readRequestHead();
        okio.BufferedSource body = Okio.buffer(reader.body(reader.requestFraming(post)));
        assertEquals("xyz", body.readUtf8(3));
        assertTrue(body.exhausted());
        assertEquals(cookie, reader.readRequestHead().headers().get("cookie"));
    }

    @Test
    void aHeadLargerThanTheFirstCopyIsParsedFromAFullBuffer() throws IOException {
        String cookie = "c".repeat(40_000);
        Buffer input = new Buffer().writeUtf8("GET /big HTTP/1.1\r\nCookie: " + cookie
                + "\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
        Http1Reader reader = new Http1Reader(input, Http1Limits.defaults());
        RequestHead big = reader.readRequestHead();
        assertEquals(cookie, big.headers().get("Cookie"));
        reader.body(reader.requestFraming(big));
        assertEquals("/next", reader.readRequestHead().target());
    }
}
