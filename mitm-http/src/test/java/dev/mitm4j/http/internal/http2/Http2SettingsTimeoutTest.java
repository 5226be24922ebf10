package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that never acknowledges our SETTINGS gets GOAWAY SETTINGS_TIMEOUT once {@link
 * Http2Limits#settingsTimeout()} passes (RFC 9113 section 6.5.3), in both roles; a peer that
 * acknowledges is never timed out.
 */
@Timeout(30)
class Http2SettingsTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Http2Limits LIMITS = Http2Limits.builder().settingsTimeout(TIMEOUT)
            .build();
    private H2cEchoServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientThatNeverAcknowledgesGetsGoAwaySettingsTimeoutAndItsStreamFails()
            throws Exception {
        server = new H2cEchoServer(LIMITS);
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            long start = System.nanoTime();
            peer.headers(1, true, ":method", "GET", ":scheme", "http", ":authority", "localhost",
                    ":path", "/slow");
            Http2Frame.GoAwayFrame goAway = awaitGoAwayWithoutAcknowledging(peer.in);
            long elapsed = System.nanoTime() - start;
            assertEquals(Http2ErrorCode.SETTINGS_TIMEOUT.code(), goAway.errorCode());
            assertEquals("SETTINGS not acknowledged within 300 ms [SETTINGS_TIMEOUT]",
                    goAway.debugData().utf8());
            assertEquals(1, goAway.lastStreamId(), "the stream the peer opened is named");
            assertTrue(elapsed >= TIMEOUT.toNanos(), "not before the timeout: " + elapsed);
        }
        Http2Connection serverSide = server.onlyConnection();
        Http2ConnectionException e = assertInstanceOf(Http2ConnectionException.class,
                serverSide.failure());
        assertEquals(Http2ErrorCode.SETTINGS_TIMEOUT, e.errorCode());
        Http2Stream held = awaitHeld();
        Http2ConnectionException streamFailure = assertThrows(Http2ConnectionException.class,
                () -> held.bodySink().write(new okio.Buffer().writeUtf8("x"), 1));
        assertEquals(Http2ErrorCode.SETTINGS_TIMEOUT, streamFailure.errorCode());
    }

    @Test
    void aClientThatAcknowledgesIsServedLongAfterTheTimeout() throws Exception {
        server = new H2cEchoServer(LIMITS);
        try (RawPeer peer = new RawPeer(server.port()).handshake()) {
            Http2Frame.SettingsFrame settings = assertInstanceOf(Http2Frame.SettingsFrame.class,
                    peer.in.readFrame());
            assertTrue(!settings.ack());
            peer.out.settingsAck();
            peer.out.flush();
            Thread.sleep(3 * TIMEOUT.toMillis());
            peer.headers(1, true, ":method", "GET", ":scheme", "http", ":authority",
                    "localhost", ":path", "/late");
            Http2Frame.HeadersFrame answer = assertInstanceOf(Http2Frame.HeadersFrame.class,
                    peer.awaitVerdict());
            assertEquals(1, answer.streamId());
        }
    }

    @Test
    void ourClientSendsGoAwaySettingsTimeoutToAServerThatNeverAcknowledges() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Http2Connection client = Http2Connection.builder(Http2Connection.Role.CLIENT,
                    Okio.buffer(Okio.source(socket)), Okio.buffer(Okio.sink(socket)), socket)
                    .limits(LIMITS).name("timeout-client").build();
            try (Socket accepted = listener.accept(); client) {
                accepted.setSoTimeout(5000);
                client.start();
                BufferedSource in = Okio.buffer(Okio.source(accepted));
                FrameReader reader = new FrameReader(in, Http2Settings.MAX_MAX_FRAME_SIZE,
                        Integer.MAX_VALUE);
                reader.readClientPreface();
                FrameWriter out = new FrameWriter(Okio.buffer(Okio.sink(accepted)));
                out.settings(Http2Settings.empty()); // the server's preface; never an ACK
                out.flush();
                Http2Stream stream = client.newStream(Http2ConnectionTest.get("/"), true);
                Http2Frame.GoAwayFrame goAway = awaitGoAwayWithoutAcknowledging(reader);
                assertEquals(Http2ErrorCode.SETTINGS_TIMEOUT.code(), goAway.errorCode());
                Http2ConnectionException e = assertThrows(Http2ConnectionException.class,
                        stream::readResponseHead);
                assertEquals(Http2ErrorCode.SETTINGS_TIMEOUT, e.errorCode());
                assertEquals(false, e.remote());
            }
        }
    }

    /** Reads frames, answering nothing, until a GOAWAY. */
    private static Http2Frame.GoAwayFrame awaitGoAwayWithoutAcknowledging(FrameReader reader)
            throws IOException {
        for (Http2Frame f; (f = reader.readFrame()) != null; ) {
            if (f instanceof Http2Frame.GoAwayFrame g) {
                return g;
            }
        }
        throw new AssertionError("connection closed without GOAWAY");
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
}
