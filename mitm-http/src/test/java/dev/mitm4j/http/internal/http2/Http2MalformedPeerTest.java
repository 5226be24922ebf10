package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed frames and header blocks sent by a raw client to our server over a real
 * socket: each is refused with the error RFC 9113 names, as a stream error (RST_STREAM) or a
 * connection error (GOAWAY), and no malformed request reaches the server's handler.
 */
@Timeout(30)
class Http2MalformedPeerTest {
    private static H2cEchoServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new H2cEchoServer(Http2Limits.builder().maxHeaderListSize(4096).build());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /** What to send after the handshake. */
    @FunctionalInterface
    interface Script {
        void send(RawPeer peer) throws IOException;
    }

    record Case(String name, Script script, boolean connectionError, Http2ErrorCode code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String[] GET = {":method", "GET", ":scheme", "http", ":authority",
            "localhost", ":path", "/"};

    private static String[] get(String... extra) {
        String[] all = new String[GET.length + extra.length];
        System.arraycopy(GET, 0, all, 0, GET.length);
        System.arraycopy(extra, 0, all, GET.length, extra.length);
        return all;
    }

    private static Case stream(String name, Http2ErrorCode code, Script s) {
        return new Case(name, s, false, code);
    }

    private static Case conn(String name, Http2ErrorCode code, Script s) {
        return new Case(name, s, true, code);
    }

    static List<Case> cases() {
        Http2ErrorCode protocol = Http2ErrorCode.PROTOCOL_ERROR;
        return List.of(
                stream("uppercase header name", protocol, p -> p.headers(1, true,
                        get("X-Upper", "1"))),
                stream("connection header", protocol, p -> p.headers(1, true,
                        get("connection", "keep-alive"))),
                stream("transfer-encoding header", protocol, p -> p.headers(1, true,
                        get("transfer-encoding", "chunked"))),
                stream("te gzip", protocol, p -> p.headers(1, true, get("te", "gzip"))),
                stream("CR LF in a value", protocol, p -> p.headers(1, true,
                        get("x-a", "1\r\nx-injected: 1"))),
                stream("NUL in a name", protocol, p -> p.headers(1, true, get("x\0a", "1"))),
                stream("leading space in a value", protocol, p -> p.headers(1, true,
                        get("x-a", " 1"))),
                stream("pseudo-header after a regular field", protocol, p -> p.headers(1,
                        true, ":method", "GET", "x-a", "1", ":scheme", "http", ":path", "/")),
                stream("duplicate :path", protocol, p -> p.headers(1, true, ":method", "GET",
                        ":scheme", "http", ":path", "/", ":path", "/x")),
                stream("missing :method", protocol, p -> p.headers(1, true, ":scheme", "http",
                        ":path", "/")),
                stream("unknown pseudo-header", protocol, p -> p.headers(1, true,
                        get(":foo", "bar"))),
                stream(":protocol without the setting", protocol, p -> p.headers(1, false,
                        ":method", "CONNECT", ":protocol", "websocket", ":scheme", "http",
                        ":authority", "localhost", ":path", "/")),
                stream("space in :path", protocol, p -> p.headers(1, true, ":method", "GET",
                        ":scheme", "http", ":path", "/ HTTP/1.1")),
                stream("host differing from :authority", protocol, p -> p.headers(1, true,
                        get("host", "evil.example"))),
                stream("content-length on a request without DATA", protocol, p -> p.headers(1,
                        true, get("content-length", "5"))),
                stream("self-dependent priority", protocol, p -> p.raw(Http2Frame.TYPE_PRIORITY,
                        0, 1, "0000000110")),
                conn("PUSH_PROMISE from a client", protocol, p -> p.out.pushPromise(1, 2,
                        p.block(GET), 16_384)),
                conn("DATA on an idle stream", protocol, p -> p.raw(Http2Frame.TYPE_DATA, 1, 1,
                        "61")),
                conn("HEADERS on an even stream", protocol, p -> p.headers(2, true, GET)),
                conn("stream id going down", protocol, p -> {
                    p.headers(5, true, ":method", "GET", ":scheme", "http", ":path", "/slow");
                    p.headers(3, true, GET);
                }),
                conn("undecodable HPACK", Http2ErrorCode.COMPRESSION_ERROR, p -> p.raw(
                        Http2Frame.TYPE_HEADERS, 5, 1, "80")),
                conn("WINDOW_UPDATE of 0 on the connection", protocol, p -> p.raw(
                        Http2Frame.TYPE_WINDOW_UPDATE, 0, 0, "00000000")),
                conn("connection window beyond 2^31-1", Http2ErrorCode.FLOW_CONTROL_ERROR,
                        p -> p.raw(Http2Frame.TYPE_WINDOW_UPDATE, 0, 0, "7fffffff")),
                conn("CONTINUATION flood", Http2ErrorCode.ENHANCE_YOUR_CALM, p -> {
                    p.raw(Http2Frame.TYPE_HEADERS, 0, 1, "82");
                    for (int i = 0; i < 8; i++) {
                        p.raw(Http2Frame.TYPE_CONTINUATION, 0, 1, "00".repeat(4000));
                    }
                }),
                conn("frame above SETTINGS_MAX_FRAME_SIZE", Http2ErrorCode.FRAME_SIZE_ERROR,
                        p -> p.raw(Http2Frame.TYPE_DATA, 0, 1, "00".repeat(16_385))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithTheRightCodeAndNeverReachesTheHandler(Case c) throws Exception {
        int before = server.requests.size();
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            try {
                c.script().send(peer);
            } catch (java.net.SocketException e) {
                // the server may close before a flood is fully written; its GOAWAY is read next
            }
            Http2Frame verdict = peer.awaitVerdict();
            if (c.connectionError()) {
                Http2Frame.GoAwayFrame g = assertInstanceOf(Http2Frame.GoAwayFrame.class,
                        verdict);
                assertEquals(c.code().code(), g.errorCode(), g.debugData().utf8());
            } else {
                Http2Frame.RstStreamFrame r = assertInstanceOf(Http2Frame.RstStreamFrame.class,
                        verdict);
                assertEquals(c.code().code(), r.errorCode());
            }
        }
        long reached = server.requests.stream().skip(before)
                .filter(r -> !"/slow".equals(r.path())).count();
        assertEquals(0, reached, "a malformed request reached the handler");
    }

    @Test
    void aFirstFrameOtherThanSettingsIsAConnectionError() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.out.clientPreface();
            peer.out.ping(false, 1);
            peer.out.flush();
            Http2Frame.GoAwayFrame g = assertInstanceOf(Http2Frame.GoAwayFrame.class,
                    peer.awaitVerdict());
            assertEquals(Http2ErrorCode.PROTOCOL_ERROR.code(), g.errorCode());
        }
    }

    @Test
    void dataBeyondTheStreamWindowIsAFlowControlStreamError() throws Exception {
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            peer.headers(1, false, ":method", "POST", ":scheme", "http", ":authority",
                    "localhost", ":path", "/hold");
            for (int i = 0; i < 5; i++) {
                peer.raw(Http2Frame.TYPE_DATA, 0, 1, "00".repeat(16_000));
            }
            Http2Frame.RstStreamFrame r = assertInstanceOf(Http2Frame.RstStreamFrame.class,
                    peer.awaitVerdict());
            assertEquals(Http2ErrorCode.FLOW_CONTROL_ERROR.code(), r.errorCode());
        }
    }

    @Test
    void dataAfterEndStreamIsAStreamClosedError() throws Exception {
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            peer.headers(1, true, ":method", "GET", ":scheme", "http", ":authority",
                    "localhost", ":path", "/hold");
            peer.raw(Http2Frame.TYPE_DATA, 0, 1, "61");
            Http2Frame.RstStreamFrame r = assertInstanceOf(Http2Frame.RstStreamFrame.class,
                    peer.awaitVerdict());
            assertEquals(Http2ErrorCode.STREAM_CLOSED.code(), r.errorCode());
        }
    }

    @Test
    void dataSentBeforeThePeerSawOurResetIsIgnoredNotAnsweredStreamClosed() throws Exception {
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            peer.headers(1, false, ":method", "POST", ":scheme", "http", ":authority",
                    "localhost", ":path", "/early");
            Http2Frame.RstStreamFrame reset = null;
            for (Http2Frame f; reset == null && (f = peer.awaitVerdict()) != null; ) {
                if (f instanceof Http2Frame.RstStreamFrame r) {
                    reset = r;
                }
            }
            assertNotNull(reset, "the server stops the upload it does not read");
            assertEquals(Http2ErrorCode.NO_ERROR.code(), reset.errorCode());
            // DATA that was in flight when the RST_STREAM left the server
            peer.raw(Http2Frame.TYPE_DATA, 0, 1, "61".repeat(100));
            peer.raw(Http2Frame.TYPE_DATA, 0, 1, "62".repeat(100));
            peer.headers(3, true, get());
            Http2Frame next = peer.awaitVerdict();
            Http2Frame.HeadersFrame answer = assertInstanceOf(Http2Frame.HeadersFrame.class, next,
                    "the late DATA is ignored; the next stream is answered");
            assertEquals(3, answer.streamId());
        }
    }

    @Test
    void aHeaderListAboveTheLimitIsAnswered431WithoutReachingTheHandler() throws Exception {
        int before = server.requests.size();
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            peer.headers(1, true, get("x-big", "v".repeat(5000)));
            Http2Frame.HeadersFrame h = assertInstanceOf(Http2Frame.HeadersFrame.class,
                    peer.awaitVerdict());
            HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);
            assertEquals("431", decoder.decode(h.block().toByteArray()).fields().get(0).value());
            assertTrue(h.endStream());
        }
        assertEquals(before, server.requests.size());
    }
}
