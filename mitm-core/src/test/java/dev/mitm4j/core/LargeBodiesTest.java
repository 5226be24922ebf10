package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bodies that do not fit in {@code body_memory_budget} stream through whole and the flow says
 * it did not keep them; nothing is dropped. Bodies are made on the fly and counted, never held
 * by the test.
 */
class LargeBodiesTest {
    private static final int MB = 1_000_000;
    private final FlowCapture flows = new FlowCapture();

    static HttpResponse<InputStream> get(HttpClient client, int originPort) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + originPort
                + "/big")).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String post(HttpClient client, int originPort, long length, boolean known)
            throws Exception {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(
                () -> GeneratedBodies.zerosStream(length));
        if (known) {
            body = HttpRequest.BodyPublishers.fromPublisher(body, length);
        }
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + originPort
                + "/upload")).POST(body).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aResponseOverTheBudgetStreamsThroughWholeAndIsNotKept() throws Exception {
        try (ScriptedServer origin = GeneratedBodies.zeros(3 * MB, false);
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_memory_budget", "1m"), flows)) {
            HttpResponse<InputStream> response = get(TestProxies.client(proxy.port()),
                    origin.port());
            assertEquals(200, response.statusCode());
            assertEquals(3 * MB, GeneratedBodies.count(response.body()));
        }
        HttpFlow flow = flows.await();
        assertNull(flow.error());
        assertNull(flow.response().rawContent());
        assertEquals(List.of("response"), flow.metadata().get(Streaming.NOT_KEPT));
    }

    @Test
    void aChunkedResponseOverTheBudgetStreamsFromWhereItStoppedFitting() throws Exception {
        try (ScriptedServer origin = GeneratedBodies.zeros(3 * MB, true);
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_memory_budget", "1m"), flows)) {
            HttpResponse<InputStream> response = get(TestProxies.client(proxy.port()),
                    origin.port());
            assertEquals(3 * MB, GeneratedBodies.count(response.body()));
        }
        HttpFlow flow = flows.await();
        assertNull(flow.response().rawContent());
        assertEquals(List.of("response"), flow.metadata().get(Streaming.NOT_KEPT));
    }

    @Test
    void requestBodiesOverTheBudgetStreamToTheServerWhole() throws Exception {
        for (boolean knownLength : new boolean[] {true, false}) {
            FlowCapture capture = new FlowCapture();
            try (ScriptedServer origin = GeneratedBodies.counting();
                    ProxyServer proxy = TestProxies.start(
                            TestProxies.options("body_memory_budget", "1m"), capture)) {
                assertEquals(Long.toString(3 * MB), post(TestProxies.client(proxy.port()),
                        origin.port(), 3 * MB, knownLength));
            }
            HttpFlow flow = capture.await();
            assertNull(flow.request().rawContent(), "known length: " + knownLength);
            assertEquals(List.of("request"), flow.metadata().get(Streaming.NOT_KEPT));
            assertArrayEquals(Long.toString(3 * MB).getBytes(StandardCharsets.US_ASCII),
                    flow.response().rawContent(), "the response is kept");
        }
    }

    /**
     * One byte more than any Java array holds, through a proxy whose budget would take it: it
     * streams, whole. A raw-socket client counts it (the JDK client is five times slower); about
     * 5 s on a 2-core machine.
     */
    @Test
    void aResponseOver2GiBStreamsThroughWhole() throws Exception {
        long over2GiB = (2L << 30) + 1;
        try (ScriptedServer origin = GeneratedBodies.zeros(over2GiB, false);
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_memory_budget", "3g"), flows);
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + origin.port() + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = client.readUntil("\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            assertTrue(head.contains("Content-Length: " + over2GiB + "\r\n"), head);
            assertEquals(over2GiB, client.count(over2GiB));
        }
        HttpFlow flow = flows.await();
        assertNull(flow.error());
        assertNull(flow.response().rawContent());
        assertEquals(List.of("response"), flow.metadata().get(Streaming.NOT_KEPT));
    }

    @Test
    void bodiesWithinTheBudgetAreKept() throws Exception {
        try (ScriptedServer origin = GeneratedBodies.zeros(MB / 2, true);
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_memory_budget", "1m"), flows)) {
            assertEquals(MB / 2, GeneratedBodies.count(
                    get(TestProxies.client(proxy.port()), origin.port()).body()));
        }
        HttpFlow flow = flows.await();
        assertEquals(MB / 2, flow.response().rawContent().length);
        assertFalse(flow.metadata().containsKey(Streaming.NOT_KEPT));
    }

    @Test
    void theBudgetIsSharedByTheFlowsInProgressAndFreedWhenTheyEnd() throws Exception {
        CountDownLatch secondDone = new CountDownLatch(1);
        FlowCapture first = new FlowCapture();
        try (ScriptedServer holding = new ScriptedServer(socket -> {
                    GeneratedBodies.head(socket.getInputStream());
                    socket.getInputStream().readNBytes(700_000);
                    assertTrue(secondDone.await(20, TimeUnit.SECONDS));
                    socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                });
                ScriptedServer second = GeneratedBodies.counting();
                ScriptedServer third = GeneratedBodies.counting();
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_memory_budget", "1m"), first)) {
            HttpClient client = TestProxies.client(proxy.port());
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(client, holding.port(), 700_000, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.awaitRequest();   // 700 kB of the 1 MB budget are held until it ends
            assertEquals("700000", post(client, second.port(), 700_000, true));
            secondDone.countDown();
            held.get(20, TimeUnit.SECONDS);
            assertEquals("700000", post(client, third.port(), 700_000, true));
        }
        List<HttpFlow> done = first.all();
        assertEquals(3, done.size());
        assertEquals(List.of("request"), done.get(0).metadata().get(Streaming.NOT_KEPT),
                "the second flow found the budget taken");
        assertEquals(700_000, done.get(1).request().rawContent().length, "the first kept it");
        assertEquals(700_000, done.get(2).request().rawContent().length,
                "the third found the budget free again");
    }
}
