package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our connection in both roles, client against the test echo server, over loopback sockets. */
@Timeout(30)
class Http2ConnectionTest {
    private H2cEchoServer server;
    private Http2Connection client;

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Http2Connection connect(int port, Http2Limits limits) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        Http2Connection c = Http2Connection.builder(Http2Connection.Role.CLIENT,
                Okio.buffer(Okio.source(socket)), Okio.buffer(Okio.sink(socket)), socket)
                .limits(limits).name("test-client").build();
        c.start();
        return c;
    }

    private void start(Http2Limits serverLimits) throws IOException {
        server = new H2cEchoServer(serverLimits);
        client = connect(server.port(), Http2Limits.defaults());
    }

    static Http2RequestHead get(String path) {
        return Http2RequestHead.of("GET", "http", "localhost", path, new Headers());
    }

    static String readBody(Http2Stream stream) throws IOException {
        return Okio.buffer(stream.body()).readUtf8();
    }

    @Test
    void aPostWithTrailersIsEchoedWithItsBodyAndTrailers() throws Exception {
        start(Http2Limits.defaults());
        Http2Stream s = client.newStream(Http2RequestHead.of("POST", "http", "localhost",
                "/echo", Headers.of("te", "trailers")), false);
        BufferedSink body = Okio.buffer(s.bodySink());
        body.writeUtf8("hello, h2");
        body.flush();
        s.writeTrailers(Headers.of("x-checksum", "abc"));
        Http2ResponseHead head = s.readResponseHead();
        assertEquals(200, head.status());
        assertEquals("POST", head.headers().get("x-method"));
        assertEquals("true", head.headers().get("x-request-trailers"));
        assertEquals("hello, h2", readBody(s));
        assertEquals(Headers.of("x-checksum", "abc"), s.trailers());
        assertEquals(0, client.openStreams());
    }

    @Test
    void aBodyFarLargerThanEveryWindowArrivesWhole() throws Exception {
        start(Http2Limits.defaults());
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Http2Stream s = client.newStream(Http2RequestHead.of("PUT", "http", "localhost", "/big",
                Headers.of("content-length", Integer.toString(big.length))), false);
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                s.readResponseHead();
                echoed.complete(Okio.buffer(s.body()).readByteArray());
            } catch (IOException e) {
                echoed.completeExceptionally(e);
            }
        });
        try (BufferedSink sink = Okio.buffer(s.bodySink())) {
            sink.write(big);
        }
        assertTrue(java.util.Arrays.equals(big, echoed.get(20, TimeUnit.SECONDS)));
    }

    @Test
    void streamsBeyondThePeersMaxConcurrentStreamsWaitInsteadOfFailing() throws Exception {
        start(Http2Limits.builder().maxConcurrentStreams(2).build());
        awaitPeerSettings();
        Http2Stream a = client.newStream(get("/slow"), true);
        Http2Stream b = client.newStream(get("/slow"), true);
        CompletableFuture<Http2Stream> third = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                third.complete(client.newStream(get("/third"), true));
            } catch (IOException e) {
                third.completeExceptionally(e);
            }
        });
        Thread.sleep(300);
        assertFalse(third.isDone(), "the third stream waits for a slot");
        server.release();
        assertEquals(200, a.readResponseHead().status());
        assertEquals(200, b.readResponseHead().status());
        Http2Stream c = third.get(10, TimeUnit.SECONDS);
        assertEquals("/third", c.readResponseHead().headers().get("x-path"));
    }

    @Test
    void aPingIsAnsweredAndMeasured() throws Exception {
        start(Http2Limits.defaults());
        Duration rtt = client.ping(Duration.ofSeconds(5));
        assertTrue(rtt.compareTo(Duration.ofSeconds(5)) < 0);
        Http2Connection serverSide = server.onlyConnection();
        assertTrue(serverSide.ping(Duration.ofSeconds(5)).toNanos() > 0);
    }

    @Test
    void aResetWithHttp11RequiredReachesTheClientWithItsCode() throws Exception {
        start(Http2Limits.defaults());
        Http2Stream s = client.newStream(get("/reset-h11"), true);
        Http2StreamException e = assertThrows(Http2StreamException.class, s::readResponseHead);
        assertEquals(Http2ErrorCode.HTTP_1_1_REQUIRED, e.errorCode());
        assertTrue(e.remote());
        assertEquals(s.id(), e.streamId());
    }

    @Test
    void aClientCancelReachesTheServersStreamAsACancel() throws Exception {
        start(Http2Limits.defaults());
        Http2Stream s = client.newStream(Http2RequestHead.of("POST", "http", "localhost",
                "/hold", new Headers()), false);
        Http2Stream serverStream = awaitHeld();
        s.cancel(Http2ErrorCode.CANCEL);
        Http2StreamException e = assertThrows(Http2StreamException.class,
                () -> serverStream.body().read(new Buffer(), 1));
        assertEquals(Http2ErrorCode.CANCEL, e.errorCode());
        assertTrue(e.remote());
        assertThrows(Http2StreamException.class, () -> s.readResponseHead());
    }

    @Test
    void aServerAnsweringBeforeTheRequestEndsStopsTheUploadWithoutLosingTheResponse()
            throws Exception {
        start(Http2Limits.defaults());
        Http2Stream s = client.newStream(Http2RequestHead.of("POST", "http", "localhost",
                "/early", new Headers()), false);
        Http2ResponseHead head = s.readResponseHead();
        assertEquals(200, head.status());
        assertEquals("early", readBody(s));
        Http2StreamException e = assertThrows(Http2StreamException.class, () -> {
            BufferedSink sink = Okio.buffer(s.bodySink());
            for (int i = 0; i < 100; i++) { // until the NO_ERROR reset has arrived
                sink.write(new byte[1024]);
                sink.emit();
                Thread.sleep(10);
            }
        });
        assertEquals(Http2ErrorCode.NO_ERROR, e.errorCode());
        assertTrue(e.remote());
    }

    @Test
    void gracefulShutdownLetsOpenStreamsFinishAndRefusesNewOnes() throws Exception {
        start(Http2Limits.defaults());
        Http2Stream inFlight = client.newStream(get("/slow"), true);
        awaitHeld();
        Http2Connection serverSide = server.onlyConnection();
        serverSide.shutdown();
        assertNull(serverSide.accept());
        awaitGoAway();
        assertThrows(Http2ConnectionException.class, () -> client.newStream(get("/new"), true));
        server.release();
        assertEquals(200, inFlight.readResponseHead().status());
        assertEquals("", readBody(inFlight));
        for (int i = 0; i < 500 && client.failure() == null; i++) {
            Thread.sleep(10);
        }
        assertTrue(client.failure() instanceof Http2ConnectionException c
                && c.errorCode() == Http2ErrorCode.NO_ERROR, String.valueOf(client.failure()));
    }

    @Test
    void extendedConnectIsAnOptionOfTheServer() throws Exception {
        start(Http2Limits.builder().enableConnectProtocol(true).build());
        awaitPeerSettings();
        assertEquals(1, client.peerSettings().value(Http2Settings.ENABLE_CONNECT_PROTOCOL, 0));
        Http2Stream s = client.newStream(new Http2RequestHead("CONNECT", "http", "localhost",
                "/chat", "websocket", new Headers(), java.util.Set.of()), false);
        s.bodySink().close();
        assertEquals("CONNECT", s.readResponseHead().headers().get("x-method"));
        Http2Connection other = connect(server.port(), Http2Limits.defaults());
        try {
            H2cEchoServer plain = new H2cEchoServer(Http2Limits.defaults());
            try (plain; Http2Connection c = connect(plain.port(), Http2Limits.defaults())) {
                c.ping(Duration.ofSeconds(5)); // settings seen
                assertThrows(IllegalArgumentException.class, () -> c.newStream(
                        new Http2RequestHead("CONNECT", "http", "localhost", "/chat",
                                "websocket", new Headers(), java.util.Set.of()), false));
            }
        } finally {
            other.close();
        }
    }

    private void awaitPeerSettings() throws Exception {
        client.ping(Duration.ofSeconds(5)); // the server's SETTINGS precede its PING ack
    }

    private Http2Stream awaitHeld() throws InterruptedException {
        for (int i = 0; i < 500 && server.held.isEmpty(); i++) {
            Thread.sleep(10);
        }
        Http2Stream held = server.held.peek();
        if (held == null) {
            throw new AssertionError("no stream reached the server");
        }
        return held;
    }

    private void awaitGoAway() throws Exception {
        for (int i = 0; i < 500; i++) {
            try {
                client.ping(Duration.ofSeconds(1));
            } catch (IOException e) {
                return;
            }
            if (clientSawGoAway()) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private boolean clientSawGoAway() {
        client.lock.lock();
        try {
            return client.goAwayReceived;
        } finally {
            client.lock.unlock();
        }
    }
}
