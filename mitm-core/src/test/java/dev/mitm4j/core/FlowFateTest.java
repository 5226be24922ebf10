package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every flow ends once: with its {@code response} event or with its {@code error} event, never
 * both; and a flow that fails ends alike whether a client sent it or the proxy replayed it.
 */
class FlowFateTest {

    @Test
    void aClientThatLeavesRightAfterItsResponseEventGetsNoErrorEvent() throws Exception {
        AtomicReference<RawClient> client = new AtomicReference<>();
        RecordingAddon events = new RecordingAddon();
        Addon leaver = new Addon() {
            @Override
            public void response(HttpFlow flow) {
                resetQuietly(client.get().socket()); // gone before any byte of the response
            }
        };
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body("x".repeat(1 << 20)).build());
            server.start();
            try (ProxyServer proxy = TestProxies.start(TestProxies.options(), leaver, events)) {
                client.set(new RawClient(proxy.port()));
                client.get().send("GET " + server.url("/big") + " HTTP/1.1\r\nHost: x\r\n\r\n");
                List<String> seen = events.awaitDisconnects();
                assertTrue(seen.contains("response"), seen.toString());
                assertFalse(seen.contains("error"), seen.toString());
            }
        }
    }

    @Test
    void aFlowKilledWhileHeldAtItsResponseEndsWithThatEventAlone() throws Exception {
        java.util.concurrent.CompletableFuture<HttpFlow> held =
                new java.util.concurrent.CompletableFuture<>();
        Addon holder = new Addon() {
            @Override
            public void response(HttpFlow flow) {
                flow.intercept();
                held.complete(flow);
            }
        };
        RecordingAddon events = new RecordingAddon();
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body("never sent").build());
            server.start();
            try (ProxyServer proxy = TestProxies.start(TestProxies.options(), holder, events);
                    RawClient client = new RawClient(proxy.port())) {
                client.send("GET " + server.url("/held") + " HTTP/1.1\r\nHost: x\r\n\r\n");
                HttpFlow flow = held.get(20, java.util.concurrent.TimeUnit.SECONDS);
                proxy.master().kill(flow);

                assertEquals("", client.readAll(), "the client gets nothing");
                List<String> seen = events.awaitDisconnects();
                assertTrue(seen.contains("response"), seen.toString());
                assertFalse(seen.contains("error"), seen.toString());
                assertTrue(flow.error().isKilled(), "the flow still says it was killed");
            }
        }
    }

    @Test
    void aStaleKeepAliveConnectionWhoseResendFailsGetsTheClientA502AndAnErrorEvent()
            throws Exception {
        RecordingAddon events = new RecordingAddon();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ProxyServer proxy = TestProxies.start(TestProxies.options(), events);
                RawClient client = new RawClient(proxy.port())) {
            int port = listener.getLocalPort();
            Thread.ofVirtual().start(() -> {
                try (listener; Socket s = listener.accept()) {
                    ResponseTimeoutTest.readHead(s.getInputStream());
                    s.getOutputStream().write(ResponseTimeoutTest.ascii(
                            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                // The listener closes with the connection: the resend is refused.
            });
            String url = "http://127.0.0.1:" + port;
            client.send("GET " + url + "/1 HTTP/1.1\r\nHost: x\r\n\r\n").readUntil("one");
            waitUntilClosed(port);

            String second = client.send("GET " + url + "/2 HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readAll();

            assertTrue(second.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), second);
            events.awaitDisconnects();
            assertEquals(1, events.errors.size(), events.events.toString());
            String reason = events.errors.get(0).error().msg();
            assertTrue(reason.contains("127.0.0.1:" + port), reason);
            assertTrue(second.endsWith("\r\n\r\n" + reason + "\n"), second);
        }
    }

    /** How a server fails a request. */
    enum Failure {
        REFUSED, CLOSES_WITHOUT_ANSWER, MALFORMED_STATUS_LINE, TRUNCATED_BODY, TRUNCATED_CHUNK;

        void serve(Socket socket) throws Exception {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ResponseTimeoutTest.readHead(in);
            String answer = switch (this) {
                case REFUSED, CLOSES_WITHOUT_ANSWER -> "";
                case MALFORMED_STATUS_LINE -> "HTTP/1.1 2OO OK\r\n\r\n";
                case TRUNCATED_BODY -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
                case TRUNCATED_CHUNK -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nab";
            };
            out.write(ResponseTimeoutTest.ascii(answer));
            out.flush();
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aReplayedFlowThatFailsGetsTheReasonALiveFlowGets(Failure failure) throws Exception {
        RecordingAddon events = new RecordingAddon();
        try (Origin origin = new Origin(failure);
                ProxyServer proxy = TestProxies.start(TestProxies.options(), events)) {
            String url = "http://127.0.0.1:" + origin.port() + "/f";
            String live;
            try (RawClient client = new RawClient(proxy.port())) {
                live = client.send("GET " + url + " HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            }
            events.awaitDisconnects();
            assertEquals(1, events.errors.size(), events.events.toString());
            HttpFlow liveFlow = events.errors.get(0);
            String liveReason = liveFlow.error().msg();
            assertTrue(live.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), live);
            assertTrue(live.endsWith("\r\n\r\n" + liveReason + "\n"), live);

            Request request = Request.make("GET", url, new byte[0], new Headers());
            request.headers().set("Host", "x");
            HttpFlow replayed = proxy.master().replayClient(List.of(new HttpFlow(
                    new ClientConnection(), new ServerConnection(), request, false))).get().get(0);

            assertNotNull(replayed.error());
            assertEquals(liveReason, replayed.error().msg());
            assertEquals(liveFlow.response() == null, replayed.response() == null,
                    "a response head that arrived is kept by both");
        }
    }

    /** A loopback origin that fails every connection the same way. */
    private static final class Origin implements AutoCloseable {
        private final ServerSocket listener;

        Origin(Failure failure) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            if (failure == Failure.REFUSED) {
                listener.close();
                return;
            }
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try (Socket socket = listener.accept()) {
                        socket.setSoTimeout(20_000);
                        failure.serve(socket);
                    } catch (Exception e) {
                        if (listener.isClosed()) {
                            return;
                        }
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitUntilClosed(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("the origin kept listening");
    }
}
