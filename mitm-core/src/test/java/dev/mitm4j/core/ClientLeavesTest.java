package dev.mitm4j.core;

import static dev.mitm4j.core.ResponseTimeoutTest.ascii;
import static dev.mitm4j.core.ResponseTimeoutTest.readHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves while its request waits for the server closes the server connection at
 * once (with the default {@code tcp_timeout} of 600 s it used to linger in CLOSE-WAIT that long);
 * a client that stays and pipelines its next request meanwhile loses none of its bytes.
 */
class ClientLeavesTest {

    @Test
    void aClientThatClosesWhileTheServerThinksClosesTheServerConnection() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        CompletableFuture<HttpFlow> error = new CompletableFuture<>();
        Addon errors = new Addon() {
            @Override
            public void error(HttpFlow flow) {
                error.complete(flow);
            }
        };
        try (ScriptedServer server = new ScriptedServer(socket -> {
                    readHead(socket.getInputStream());
                    requestArrived.countDown();
                    socket.setSoTimeout(60_000);
                    if (socket.getInputStream().read() == -1) {
                        serverClosed.complete(null);
                    }
                });
                ProxyServer proxy = TestProxies.start(TestProxies.options(), errors)) {
            try (RawClient client = new RawClient(proxy.port())) {
                client.send("GET http://127.0.0.1:" + server.port() + "/think HTTP/1.1\r\n"
                        + "Host: s\r\n\r\n");
                assertTrue(requestArrived.await(20, TimeUnit.SECONDS));
            }
            serverClosed.get(20, TimeUnit.SECONDS);
            assertEquals("the client disconnected while its request waited for the server's "
                    + "response", error.get(20, TimeUnit.SECONDS).error().msg());
            server.done.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestPipelinedWhileTheFirstWaitsIsServedAfterIt() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch secondSent = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(socket -> {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    readHead(in);
                    firstArrived.countDown();
                    // Answer only once the client's next request has been sitting at the proxy
                    // for a while, past the moment the proxy starts watching the client.
                    secondSent.await(20, TimeUnit.SECONDS);
                    Thread.sleep(2 * UpstreamWaitTiming.WATCHED_AFTER_MILLIS);
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"));
                    out.flush();
                    readHead(in);
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond"));
                    out.flush();
                });
                ProxyServer proxy = TestProxies.start(TestProxies.options());
                RawClient client = new RawClient(proxy.port())) {
            String url = "http://127.0.0.1:" + server.port();
            client.send("GET " + url + "/1 HTTP/1.1\r\nHost: s\r\n\r\n");
            assertTrue(firstArrived.await(20, TimeUnit.SECONDS));
            Thread.sleep(UpstreamWaitTiming.WATCHED_AFTER_MILLIS);
            client.send("GET " + url + "/2 HTTP/1.1\r\nHost: s\r\n\r\n");
            secondSent.countDown();
            String both = client.readUntil("second");
            assertTrue(both.contains("\r\n\r\nfirst"), both);
            server.done.get(20, TimeUnit.SECONDS);
        }
    }

    /** When the proxy watches a waiting client: its watchdog looks every second at most. */
    private static final class UpstreamWaitTiming {
        static final long WATCHED_AFTER_MILLIS =
                dev.mitm4j.core.internal.UpstreamWait.WATCH_AFTER_MILLIS + 1000;
    }
}
