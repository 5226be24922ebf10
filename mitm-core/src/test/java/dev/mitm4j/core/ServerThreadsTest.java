package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.ClientConnection;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A server owns the threads it starts (accept loops, watchdogs, connections, relays, client
 * replays): {@link ProxyServer#close()} returns once each of them ended, so that no event comes
 * after {@code done} and no thread outlives the server.
 */
class ServerThreadsTest {
    /** How long a thread that finished its work may take to disappear from a thread dump. */
    private static final long TERMINATION_MILLIS = 100;

    @Test
    void closeReturnsOnceEveryThreadOfTheServerEnded() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Addon slowGoodbye = new Addon() {
            @Override
            public void clientDisconnected(ClientConnection client) {
                sleep(300);
                events.add("client_disconnected");
            }

            @Override
            public void done() {
                events.add("done");
            }
        };
        Set<Long> before = ThreadDump.mitm4jThreads().keySet();
        try (MockWebServer origin = new MockWebServer()) {
            origin.start();
            origin.enqueue(new MockResponse.Builder().body("live").build());
            origin.enqueue(new MockResponse.Builder().body("replayed").build());
            ProxyServer proxy = TestProxies.start(TestProxies.options(), slowGoodbye);
            try (HttpClient client = TestProxies.client(proxy.port())) {
                assertEquals("live", TestProxies.get(client, origin.url("/live").toString())
                        .body());
                assertEquals("replayed", proxy.master().replayClient(List.of(
                        ClientReplayTest.recorded("GET", origin.url("/again").toString(), "")))
                        .get().getFirst().response().text());

                proxy.close();   // the client's keep-alive connection is still open
            }
        }
        assertEquals(List.of("client_disconnected", "done"), events);
        assertEquals(Map.of(), threadsStartedSince(before));
    }

    @Test
    void anAddonMayCloseTheServerFromAnEventWithoutWaitingForItself() throws Exception {
        AtomicReference<ProxyServer> proxy = new AtomicReference<>();
        CompletableFuture<Duration> closing = new CompletableFuture<>();
        Addon closer = Addon.onRequest("closer", flow -> {
            long start = System.nanoTime();
            proxy.get().close();
            closing.complete(Duration.ofNanos(System.nanoTime() - start));
        });
        proxy.set(TestProxies.start(TestProxies.options("shutdown_timeout", "0"), closer));
        try (RawClient client = new RawClient(proxy.get().port())) {
            client.send("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");
            // The 2 s for the server's threads to end are not spent waiting for the closer's.
            assertTrue(closing.get(10, TimeUnit.SECONDS).compareTo(Duration.ofMillis(1500)) < 0,
                    () -> "close() from an event took " + closing.join());
        }
    }

    /** {@return the mitm4j threads alive now that were not in {@code before}} */
    private static Map<Long, String> threadsStartedSince(Set<Long> before) throws Exception {
        long deadline = System.nanoTime() + TERMINATION_MILLIS * 1_000_000;
        while (true) {
            Map<Long, String> now = ThreadDump.mitm4jThreads();
            now.keySet().removeAll(before);
            if (now.isEmpty() || System.nanoTime() > deadline) {
                return now;
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
