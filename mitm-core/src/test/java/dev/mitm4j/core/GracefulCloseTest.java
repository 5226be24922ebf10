package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ProxyServer#close()} shuts down gracefully: no new connection, flows in progress get
 * {@code shutdown_timeout} to finish, the rest are killed with their error event before
 * {@code done}, and idle or intercepted connections do not hold the shutdown.
 */
class GracefulCloseTest {
    private static final Duration NEVER = Duration.ofSeconds(30);

    @Test
    void aFlowInProgressFinishesWhileNewConnectionsAreRefused() throws Exception {
        CountDownLatch sentHalf = new CountDownLatch(1);
        CountDownLatch finishBody = new CountDownLatch(1);
        RecordingAddon events = new RecordingAddon();
        try (ScriptedServer origin = new ScriptedServer(
                        s -> halfThenRest(s, sentHalf, finishBody));
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "shutdown_timeout", "60"), events);
                RawClient client = new RawClient(proxy.port())) {
            client.send(get(origin.port()));
            assertTrue(sentHalf.await(NEVER.toSeconds(), TimeUnit.SECONDS));
            int port = proxy.port();
            Thread closer = Thread.ofVirtual().start(proxy::close);

            awaitRefused(port);
            finishBody.countDown();

            String response = client.readAll();
            assertTrue(response.endsWith("first half second half"), response);
            closer.join(NEVER);
            assertEquals(List.of("response", "done"), events.events.stream()
                    .filter(e -> List.of("response", "error", "done").contains(e)).toList());
        }
    }

    @Test
    void idleKeepAliveConnectionsAreClosedAtOnce() throws Exception {
        try (ScriptedServer origin = new ScriptedServer(GracefulCloseTest::okThenHold);
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "shutdown_timeout", "600"));
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + origin.port() + "/idle HTTP/1.1\r\nHost: "
                    + "127.0.0.1:" + origin.port() + "\r\n\r\n");
            client.readUntil("HTTP/1.1 200");

            assertTimeoutPreemptively(NEVER, proxy::close, "an idle connection held close()");
            client.readAll();   // the proxy closed the kept-alive connection
        }
    }

    @Test
    void flowsStillInProgressWhenTheTimeoutRunsOutAreKilledBeforeDone() throws Exception {
        CountDownLatch sentHalf = new CountDownLatch(1);
        RecordingAddon events = new RecordingAddon();
        try (ScriptedServer origin = new ScriptedServer(s -> halfThenRest(s, sentHalf,
                new CountDownLatch(1)));
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "shutdown_timeout", "1"), events);
                RawClient client = new RawClient(proxy.port())) {
            client.send(get(origin.port()));
            assertTrue(sentHalf.await(NEVER.toSeconds(), TimeUnit.SECONDS));

            proxy.close();

            assertEquals(List.of("error", "done"), events.events.stream()
                    .filter(e -> List.of("response", "error", "done").contains(e)).toList());
            HttpFlow killed = events.errors.get(0);
            assertEquals(FlowError.KILLED_MESSAGE, killed.error().msg());
            assertEquals(200, killed.response().statusCode(), "the head that arrived is kept");
        }
    }

    @Test
    void interceptedFlowsAreKilledAtOnceSinceNobodyCanResumeThem() throws Exception {
        RecordingAddon events = new RecordingAddon();
        try (ScriptedServer origin = new ScriptedServer(GracefulCloseTest::okThenHold);
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "shutdown_timeout", "600", "intercept", "~q"), events);
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + origin.port() + "/held HTTP/1.1\r\nHost: "
                    + "127.0.0.1:" + origin.port() + "\r\n\r\n");
            awaitIntercepted(proxy);

            assertTimeoutPreemptively(NEVER, proxy::close, "an intercepted flow held close()");
            assertEquals(FlowError.KILLED_MESSAGE, events.errors.get(0).error().msg());
            assertTrue(events.events.indexOf("error") < events.events.indexOf("done"));
        }
    }

    @Test
    void aSecondCloseReturnsOnlyOnceTheFirstIsDone() throws Exception {
        CountDownLatch sentHalf = new CountDownLatch(1);
        RecordingAddon events = new RecordingAddon();
        try (ScriptedServer origin = new ScriptedServer(s -> halfThenRest(s, sentHalf,
                new CountDownLatch(1)));
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "shutdown_timeout", "1"), events);
                RawClient client = new RawClient(proxy.port())) {
            client.send(get(origin.port()));
            assertTrue(sentHalf.await(NEVER.toSeconds(), TimeUnit.SECONDS));
            int port = proxy.port();
            Thread first = Thread.ofVirtual().start(proxy::close);
            awaitRefused(port);

            proxy.close();

            assertTrue(events.events.contains("done"), events.events.toString());
            first.join(NEVER);
        }
    }

    private static String get(int port) {
        return "GET http://127.0.0.1:" + port + "/slow HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n\r\n";
    }

    /**
     * The origin: a head and half the body (then opens {@code sentHalf}), then the rest once
     * {@code rest} opens.
     */
    private static void halfThenRest(Socket socket, CountDownLatch sentHalf, CountDownLatch rest)
            throws Exception {
        readHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\nfirst half ")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sentHalf.countDown();
        if (rest.await(NEVER.toSeconds(), TimeUnit.SECONDS)) {
            out.write("second half".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        socket.getInputStream().read();   // until the proxy closes
    }

    /** The origin: "ok", then the connection stays open until the proxy closes it. */
    private static void okThenHold(Socket socket) throws Exception {
        readHead(socket.getInputStream());
        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getInputStream().read();
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no request head");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** Waits (bounded) until connecting to {@code port} is refused: the listener stopped. */
    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + NEVER.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return;
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "the listener still accepts");
    }

    private static void awaitIntercepted(ProxyServer proxy) throws InterruptedException {
        long deadline = System.nanoTime() + NEVER.toNanos();
        while (proxy.master().intercepted().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the flow was never intercepted");
            Thread.sleep(10);
        }
    }
}
