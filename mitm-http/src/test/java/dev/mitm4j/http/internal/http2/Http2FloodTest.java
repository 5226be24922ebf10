package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that makes this endpoint work without carrying requests forward is stopped with GOAWAY
 * ENHANCE_YOUR_CALM once it passes the rate limits of {@link Http2Limits}: the rapid reset of
 * CVE-2023-44487, resets provoked by errors, and floods of control frames; over real sockets,
 * with a raw peer and python3-h2.
 */
@Timeout(60)
class Http2FloodTest {
    private static final int ENHANCE_YOUR_CALM = Http2ErrorCode.ENHANCE_YOUR_CALM.code();
    private H2cEchoServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static String[] request(String method, String path, String... extra) {
        String[] head = {":method", method, ":scheme", "http", ":authority", "localhost",
                ":path", path};
        String[] all = java.util.Arrays.copyOf(head, head.length + extra.length);
        System.arraycopy(extra, 0, all, head.length, extra.length);
        return all;
    }

    private static void openAndReset(RawPeer peer, int stream) throws IOException {
        peer.headers(stream, true, request("GET", "/slow"));
        peer.out.rstStream(stream, Http2ErrorCode.CANCEL);
        peer.out.flush();
    }

    @Test
    void rapidResetPastTheBudgetGetsGoAwayEnhanceYourCalm() throws Exception {
        server = new H2cEchoServer(Http2Limits.builder().maxResetStreamsPerWindow(50).build());
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            for (int i = 0; i < 60; i++) {
                openAndReset(peer, 2 * i + 1);
            }
            Http2Frame.GoAwayFrame goAway = peer.awaitGoAway();
            assertNotNull(goAway, "no GOAWAY");
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode(), goAway.debugData().utf8());
            assertTrue(goAway.debugData().utf8().startsWith(
                    "streams reset faster than 50 per 30 s at offset "), goAway.debugData().utf8());
            assertEquals(101, goAway.lastStreamId(), "the 51st stream is the one too many");
        }
        assertTrue(server.held.size() < 51, "streams reset before accept start no work: "
                + server.held.size());
    }

    @Test
    void resetsWithinTheBudgetRefillOverTheWindowAndTheConnectionLivesOn() throws Exception {
        server = new H2cEchoServer(Http2Limits.builder().maxResetStreamsPerWindow(10)
                .rateWindow(Duration.ofSeconds(1)).build());
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            for (int i = 0; i < 10; i++) {
                openAndReset(peer, 2 * i + 1);
            }
            assertNoGoAway(peer.pingRoundTrip());
            Thread.sleep(1100); // the budget refills: 10 per second
            for (int i = 10; i < 20; i++) {
                openAndReset(peer, 2 * i + 1);
            }
            assertNoGoAway(peer.pingRoundTrip());
            peer.headers(41, true, request("GET", "/alive"));
            Http2Frame.HeadersFrame answer = peer.awaitHeaders(41);
            assertNotNull(answer, "the connection still serves requests");
        }
    }

    @Test
    void streamsResetForThePeersErrorsCountAgainstTheSameBudget() throws Exception {
        server = new H2cEchoServer(Http2Limits.builder().maxResetStreamsPerWindow(5).build());
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            for (int i = 0; i < 6; i++) {
                peer.headers(2 * i + 1, true, request("GET", "/", "X-Upper", "1"));
            }
            Http2Frame.GoAwayFrame goAway = peer.awaitGoAway();
            assertNotNull(goAway, "no GOAWAY");
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode(), goAway.debugData().utf8());
        }
        assertEquals(0, server.requests.size());
    }

    /** One kind of frame sent again and again. */
    record Flood(String name, String last, Script script) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Script {
        void send(RawPeer peer, int count) throws IOException;
    }

    static List<Flood> floods() {
        return List.of(
                new Flood("PING", "PING", (p, n) -> {
                    for (int i = 0; i < n; i++) {
                        p.out.ping(false, i);
                    }
                }),
                new Flood("SETTINGS", "SETTINGS", (p, n) -> {
                    for (int i = 0; i < n; i++) {
                        p.out.settings(Http2Settings.empty());
                    }
                }),
                new Flood("PRIORITY", "PRIORITY", (p, n) -> {
                    for (int i = 0; i < n; i++) {
                        p.out.priority(3, 0, false, 16);
                    }
                }),
                new Flood("unknown frame type", "frame of type 250", (p, n) -> {
                    for (int i = 0; i < n; i++) {
                        p.out.rawFrame(0xfa, 0, 0, ByteString.EMPTY);
                    }
                }),
                new Flood("empty DATA", "empty DATA", (p, n) -> {
                    p.headers(1, false, request("POST", "/hold"));
                    for (int i = 0; i < n; i++) {
                        p.out.data(1, false, new Buffer(), 0, 0);
                    }
                }),
                new Flood("RST_STREAM on a closed stream", "RST_STREAM on a closed stream",
                        (p, n) -> {
                            p.headers(1, true, request("GET", "/"));
                            assertNotNull(p.awaitHeaders(1));
                            for (int i = 0; i < n; i++) {
                                p.out.rstStream(1, Http2ErrorCode.CANCEL);
                            }
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floods")
    void aFloodOfFramesThatCarryNoRequestGetsGoAwayEnhanceYourCalm(Flood flood)
            throws Exception {
        server = new H2cEchoServer(Http2Limits.builder().maxControlFramesPerWindow(100)
                .build());
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            try {
                flood.script().send(peer, 150);
                peer.out.flush();
            } catch (java.net.SocketException e) {
                // the server may close before the whole flood is written; its GOAWAY is read next
            }
            Http2Frame.GoAwayFrame goAway = peer.awaitGoAway();
            assertNotNull(goAway, "no GOAWAY");
            String debug = goAway.debugData().utf8();
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode(), debug);
            assertTrue(debug.startsWith("control frames faster than 100 per 30 s (last: "
                    + flood.last() + ")"), debug);
        }
    }

    @Test
    void pingsThatAnswerOurDataAreNotCountedAsAFlood() throws Exception {
        // a bandwidth estimator (gRPC's BDP ping) keeps one PING in flight, and sends the next
        // when DATA arrives after its acknowledgement; here window credit waits for the ACK
        server = new H2cEchoServer(Http2Limits.builder().maxControlFramesPerWindow(10)
                .initialWindowSize(4 << 20).connectionWindowSize(4 << 20).build());
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            peer.pingRoundTrip();
            peer.pingRoundTrip(); // our SETTINGS ACK was read: the 4 MiB window is in force
            peer.headers(1, false, request("POST", "/echo"));
            Buffer upload = new Buffer().write(new byte[1_500_000]);
            while (upload.size() > 0) {
                peer.out.data(1, upload.size() <= 16_384, upload,
                        (int) Math.min(16_384, upload.size()), 0);
            }
            peer.out.flush();
            int pings = 0;
            boolean inFlight = false;
            long uncredited = 0;
            for (boolean ended = false; !ended; ) {
                Http2Frame f = peer.in.readFrame();
                assertTrue(!(f instanceof Http2Frame.GoAwayFrame || f == null), String.valueOf(f));
                if (f instanceof Http2Frame.DataFrame d) {
                    ended = d.endStream();
                    uncredited += d.flowLength();
                    if (!inFlight && !ended) {
                        peer.out.ping(false, ++pings);
                        inFlight = true;
                    }
                } else if (f instanceof Http2Frame.PingFrame p && p.ack()) {
                    inFlight = false;
                    if (uncredited > 0) {
                        peer.out.windowUpdate(1, (int) uncredited);
                        peer.out.windowUpdate(0, (int) uncredited);
                        uncredited = 0;
                    }
                }
                peer.out.flush();
            }
            assertTrue(pings > 10, "more pings than the budget: " + pings);
            assertNoGoAway(peer.pingRoundTrip());
        }
    }

    @Test
    void eightContinuationFramesAreAcceptedAndANinthIsAFlood() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            sendWithEmptyContinuations(peer, 1, 8);
            assertNotNull(peer.awaitHeaders(1), "eight CONTINUATION frames are accepted");
            sendWithEmptyContinuations(peer, 3, 9);
            Http2Frame.GoAwayFrame goAway = peer.awaitGoAway();
            assertNotNull(goAway, "no GOAWAY");
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode());
            assertTrue(goAway.debugData().utf8().startsWith(
                    "more than 8 CONTINUATION frames in the field block of stream 3"),
                    goAway.debugData().utf8());
        }
    }

    private static void sendWithEmptyContinuations(RawPeer peer, int stream, int continuations)
            throws IOException {
        Buffer block = peer.block(request("GET", "/continued"));
        peer.out.rawFrame(Http2Frame.TYPE_HEADERS, Http2Frame.FLAG_END_STREAM, stream,
                block.readByteString());
        for (int i = 1; i <= continuations; i++) {
            peer.out.rawFrame(Http2Frame.TYPE_CONTINUATION,
                    i == continuations ? Http2Frame.FLAG_END_HEADERS : 0, stream,
                    ByteString.EMPTY);
        }
        peer.out.flush();
    }

    @Test
    void aStreamThePeerResetBeforeItWasAcceptedIsNeverHandedOut() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                RawPeer peer = new RawPeer(listener.getLocalPort())) {
            Socket socket = listener.accept();
            try (Http2Connection connection = Http2Connection.builder(
                    Http2Connection.Role.SERVER, Okio.buffer(Okio.source(socket)),
                    Okio.buffer(Okio.sink(socket)), socket).name("accept-test").build()) {
                CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
                    try {
                        connection.start();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, r -> Thread.ofVirtual().start(r));
                peer.handshake();
                started.get(10, TimeUnit.SECONDS);
                openAndReset(peer, 1);
                assertNoGoAway(peer.pingRoundTrip()); // the reset was read before the ACK
                peer.headers(3, true, request("GET", "/after"));
                Http2Stream accepted = connection.accept();
                assertNotNull(accepted);
                assertEquals(3, accepted.id());
                assertEquals("/after", accepted.requestHead().path());
            }
        }
    }

    @Test
    void pythonH2RapidResetIsStoppedByTheDefaultLimits() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        Peers.Result r = Peers.h2peer("flood", Integer.toString(server.port()), "rapid-reset",
                "3000");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of("{\"goaway\": " + ENHANCE_YOUR_CALM + "}"), r.lines());
    }

    @Test
    void pythonH2PingFloodIsStoppedByTheDefaultLimits() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        Peers.Result r = Peers.h2peer("flood", Integer.toString(server.port()), "ping",
                "20000");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of("{\"goaway\": " + ENHANCE_YOUR_CALM + "}"), r.lines());
    }

    private static void assertNoGoAway(List<Http2Frame> frames) {
        for (Http2Frame f : frames) {
            assertTrue(!(f instanceof Http2Frame.GoAwayFrame g), () -> "GOAWAY: "
                    + ((Http2Frame.GoAwayFrame) f).debugData().utf8());
        }
    }
}
