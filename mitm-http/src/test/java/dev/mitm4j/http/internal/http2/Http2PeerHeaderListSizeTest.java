package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A head larger than the peer's SETTINGS_MAX_HEADER_LIST_SIZE is never sent: the stream fails
 * with an {@link Http2StreamException} naming the sizes (never a field), and a stream the peer
 * knows of is reset. The peers advertise small limits: our echo server, python3-h2 (which enforces
 * its own limit and would end the connection) and a raw client.
 */
@Timeout(30)
class Http2PeerHeaderListSizeTest {
    private static final String SECRET = "s3cret-value-";
    private H2cEchoServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ourClientDoesNotSendARequestHeadTheServerWouldRefuse() throws Exception {
        server = new H2cEchoServer(Http2Limits.builder().maxHeaderListSize(200).build());
        try (Http2Connection client = Http2ConnectionTest.connect(server.port(),
                Http2Limits.defaults())) {
            client.ping(Duration.ofSeconds(5)); // the server's SETTINGS came first
            Http2RequestHead big = Http2RequestHead.of("GET", "http", "localhost", "/big",
                    Headers.of("x-token", SECRET.repeat(20)));
            Http2StreamException e = assertThrows(Http2StreamException.class,
                    () -> client.newStream(big, true));
            assertEquals(Http2ErrorCode.INTERNAL_ERROR, e.errorCode());
            assertFalse(e.remote());
            long size = Http2Fields.listSize(Http2Fields.outbound(big, false));
            assertEquals("request head of " + size + " bytes above the peer's "
                    + "SETTINGS_MAX_HEADER_LIST_SIZE 200, not sent, on stream 1 [INTERNAL_ERROR]",
                    e.getMessage());
            assertFalse(e.getMessage().contains(SECRET));

            Http2Stream small = client.newStream(Http2ConnectionTest.get("/small"), true);
            assertEquals(1, small.id(), "the refused head used no stream id");
            assertEquals(200, small.readResponseHead().status());
        }
        assertEquals(List.of("/small"), server.requests.stream().map(Http2RequestHead::path)
                .toList(), "the large head never reached the server");
    }

    @Test
    void ourServerResetsAResponseHeadPythonH2WouldRefuseAndAnswersTheNextStream()
            throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        Peers.Result r = Peers.h2peer("small-list", Integer.toString(server.port()), "400");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of(
                "{\"stream\": 1, \"rst\": " + Http2ErrorCode.INTERNAL_ERROR.code() + "}",
                "{\"stream\": 3, \"status\": \"200\"}"), r.lines());
        Http2StreamException e = assertInstanceOf(Http2StreamException.class,
                awaitStreamError());
        assertTrue(e.getMessage().startsWith("response head of "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" bytes above the peer's SETTINGS_MAX_HEADER_LIST_SIZE"
                + " 400 on stream 1 [INTERNAL_ERROR]"), e.getMessage());
    }

    @Test
    void trailersTooLargeForTheClientResetTheStreamAfterItsBody() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.out.clientPreface();
            peer.out.settings(Http2Settings.empty().with(Http2Settings.MAX_HEADER_LIST_SIZE,
                    400));
            peer.out.flush();
            peer.pingRoundTrip(); // our SETTINGS were read
            peer.headers(1, false, ":method", "POST", ":scheme", "http", ":authority",
                    "localhost", ":path", "/echo", "te", "trailers");
            peer.out.data(1, false, new okio.Buffer().writeUtf8("hello"), 5, 0);
            peer.headers(1, true, "x-trailer", SECRET.repeat(30));
            assertNotNull(peer.awaitHeaders(1), "the response head fits and is sent");
            Http2Frame.RstStreamFrame reset = null;
            boolean data = false;
            for (Http2Frame f; reset == null && (f = peer.in.readFrame()) != null; ) {
                assertFalse(f instanceof Http2Frame.HeadersFrame, "no trailers are sent");
                data |= f instanceof Http2Frame.DataFrame d && d.data().size() == 5;
                if (f instanceof Http2Frame.RstStreamFrame r) {
                    reset = r;
                }
            }
            assertTrue(data, "the body was sent before the trailers failed");
            assertNotNull(reset);
            assertEquals(Http2ErrorCode.INTERNAL_ERROR.code(), reset.errorCode());
        }
        Http2StreamException e = assertInstanceOf(Http2StreamException.class,
                awaitStreamError());
        assertTrue(e.getMessage().startsWith("trailers of "), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    private Throwable awaitStreamError() throws InterruptedException {
        for (int i = 0; i < 500 && server.streamErrors.isEmpty(); i++) {
            Thread.sleep(10);
        }
        Throwable e = server.streamErrors.peek();
        if (e == null) {
            throw new AssertionError("the server's exchange did not fail");
        }
        return e;
    }
}
