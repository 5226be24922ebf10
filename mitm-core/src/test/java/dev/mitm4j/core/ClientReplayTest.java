package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side replay through a running proxy ({@link FlowMaster#replayClient}): recorded requests
 * get the events of live flows, addons change them, and they reach a real loopback upstream.
 */
class ClientReplayTest {
    private final MockWebServer upstream = new MockWebServer();

    @BeforeEach
    void setUp() throws Exception {
        upstream.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        upstream.close();
    }

    @Test
    void aReplayedFlowGoesThroughTheAddonsInLiveOrder() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("fresh").build());
        AtomicReference<ProxyServer> proxyRef = new AtomicReference<>();
        List<Boolean> listedWhileRunning = new CopyOnWriteArrayList<>();
        Addon changer = Addon.onRequest("changer", f -> {
            f.request().headers().set("X-Replayed-By", "mitm4j");
            listedWhileRunning.add(proxyRef.get().master().flows().contains(f));
        });
        RecordingAddon recorder = new RecordingAddon();
        HttpFlow recorded = recorded("GET", upstream.url("/a").toString(), "");
        recorded.response(Response.make(500, "old".getBytes(StandardCharsets.UTF_8),
                new Headers()));
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), changer, recorder)) {
            proxyRef.set(proxy);
            recorder.events.clear();
            List<HttpFlow> replayed = proxy.master().replayClient(List.of(recorded)).get();
            assertEquals(1, replayed.size());
            HttpFlow copy = replayed.get(0);
            assertEquals("request", copy.isReplay());
            assertEquals(200, copy.response().statusCode());
            assertEquals("fresh", copy.response().text());
            assertNull(copy.error());
            assertFalse(copy.id().equals(recorded.id()), "a copy with a new id");
            assertEquals(List.of("requestheaders", "request", "server_connect",
                    "server_connected", "responseheaders", "response", "server_disconnected"),
                    recorder.events);
            assertTrue(proxy.master().flows().isEmpty(), "no longer in progress");
        }
        assertEquals(List.of(true), listedWhileRunning, "FlowMaster.flows() lists it meanwhile");
        assertEquals("mitm4j", upstream.takeRequest().getHeaders().get("X-Replayed-By"));
        assertEquals(500, recorded.response().statusCode(), "the recorded flow is untouched");
    }

    @Test
    void concurrencyOneReplaysInOrderOneAtATime() throws Exception {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(new MockResponse.Builder().body("r" + i).build());
        }
        InFlight inFlight = new InFlight(1);
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), inFlight)) {
            List<HttpFlow> replayed = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/0").toString(), ""),
                    recorded("POST", upstream.url("/1").toString(), "body"),
                    recorded("GET", upstream.url("/2").toString(), ""))).get();
            assertEquals(List.of("/0", "/1", "/2"),
                    replayed.stream().map(f -> f.request().path()).toList());
            assertEquals(List.of("r0", "r1", "r2"),
                    replayed.stream().map(f -> f.response().text()).toList());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("/" + i, upstream.takeRequest().getTarget());
        }
        assertEquals(1, inFlight.max.get(), "never two at once");
    }

    @Test
    void concurrencyMinusOneHasEveryRequestInFlightAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(new MockResponse.Builder().body("r").build());
        }
        InFlight inFlight = new InFlight(3);
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(
                "client_replay_concurrency", "-1"), inFlight)) {
            List<HttpFlow> replayed = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/0").toString(), ""),
                    recorded("GET", upstream.url("/1").toString(), ""),
                    recorded("GET", upstream.url("/2").toString(), ""))).get();
            assertEquals(List.of("/0", "/1", "/2"),
                    replayed.stream().map(f -> f.request().path()).toList(), "input order");
            assertTrue(replayed.stream().allMatch(f -> f.response().statusCode() == 200));
        }
        assertTrue(inFlight.allArrived, "each request waited in its request event until "
                + "all three were there");
        assertEquals(3, inFlight.max.get());
    }

    @Test
    void aFailingRequestGetsAnErrorAndTheNextOneStillRuns() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("ok").build());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder)) {
            recorder.events.clear();
            List<HttpFlow> replayed = proxy.master().replayClient(List.of(
                    recorded("GET", "http://127.0.0.1:" + closedPort + "/gone", ""),
                    recorded("GET", upstream.url("/next").toString(), ""))).get();
            HttpFlow failed = replayed.get(0);
            assertNull(failed.response());
            assertNotNull(failed.error());
            assertTrue(failed.error().msg().contains("127.0.0.1:" + closedPort),
                    failed.error().msg());
            assertEquals("ok", replayed.get(1).response().text());
            assertEquals(List.of(failed), recorder.errors);
            assertEquals(List.of("requestheaders", "request", "server_connect",
                    "server_connect_error", "error", "requestheaders", "request",
                    "server_connect", "server_connected", "responseheaders", "response",
                    "server_disconnected"), recorder.events);
        }
    }

    @Test
    void anticacheStripsTheConditionalHeadersOfReplayedRequests() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("whole").build());
        HttpFlow recorded = recorded("GET", upstream.url("/c").toString(), "");
        recorded.request().headers().set("If-None-Match", "\"v1\"");
        recorded.request().headers().set("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT");
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("anticache", "true"))) {
            assertEquals("whole", proxy.master().replayClient(List.of(recorded)).get().get(0)
                    .response().text());
        }
        RecordedRequest seen = upstream.takeRequest();
        assertNull(seen.getHeaders().get("If-None-Match"));
        assertNull(seen.getHeaders().get("If-Modified-Since"));
        assertEquals("\"v1\"", recorded.request().headers().get("If-None-Match"));
    }

    @Test
    void anAddonAnsweringTheRequestKeepsItOffTheNetwork() throws Exception {
        Addon local = Addon.onRequest("local", f -> f.response(Response.make(200,
                "local".getBytes(StandardCharsets.UTF_8), new Headers())));
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), local)) {
            HttpFlow copy = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/x").toString(), ""))).get().get(0);
            assertEquals("local", copy.response().text());
        }
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void upstreamModeReplaysThroughTheUpstreamProxy() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("via").build());
        RecordingAddon seenUpstream = new RecordingAddon();
        try (ProxyServer next = TestProxies.start(TestProxies.options(), seenUpstream);
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "mode", "upstream:http://127.0.0.1:" + next.port()))) {
            HttpFlow copy = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/u").toString(), ""))).get().get(0);
            assertEquals("via", copy.response().text());
            assertTrue(seenUpstream.events.contains("request"), seenUpstream.events.toString());
        }
    }

    @Test
    void reverseModeReplaysToTheRecordedServer() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("recorded host").build());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(
                "mode", "reverse:http://127.0.0.1:" + closedPort))) {
            HttpFlow copy = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/r").toString(), ""))).get().get(0);
            assertEquals("recorded host", copy.response().text());
        }
    }

    @Test
    void anHttp2RecordingIsReplayedAsHttp11WithAHostHeader() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("h1").build());
        String authority = "127.0.0.1:" + upstream.getPort();
        Request h2 = Request.builder().method("GET").scheme("http").host("127.0.0.1")
                .port(upstream.getPort()).authority(authority).path("/two")
                .httpVersion("HTTP/2.0").headers(new Headers()).content(new byte[0]).build();
        HttpFlow recorded = new HttpFlow(new ClientConnection(), new ServerConnection(), h2,
                false);
        try (ProxyServer proxy = TestProxies.start(TestProxies.options())) {
            HttpFlow copy = proxy.master().replayClient(List.of(recorded)).get().get(0);
            assertEquals("h1", copy.response().text());
            assertEquals("HTTP/1.1", copy.request().httpVersion());
        }
        RecordedRequest seen = upstream.takeRequest();
        assertEquals(authority, seen.getHeaders().get("Host"));
        assertEquals("/two", seen.getTarget());
    }

    @Test
    void theHttp2PseudoHeaderFieldsAHarRecordsAreNotSentOverHttp11() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("h1").build());
        String authority = "127.0.0.1:" + upstream.getPort();
        Request h2 = Request.builder().method("GET").scheme("http").host("127.0.0.1")
                .port(upstream.getPort()).path("/two").httpVersion("http/2.0")
                .headers(Headers.of(":authority", authority, ":method", "GET", ":path", "/two",
                        ":scheme", "http", "accept", "*/*"))
                .content(new byte[0]).build();
        HttpFlow recorded = new HttpFlow(new ClientConnection(), new ServerConnection(), h2,
                false);
        try (ProxyServer proxy = TestProxies.start(TestProxies.options())) {
            HttpFlow copy = proxy.master().replayClient(List.of(recorded)).get().get(0);
            assertNull(copy.error());
            assertEquals("h1", copy.response().text());
        }
        RecordedRequest seen = upstream.takeRequest();
        assertEquals(2, seen.getHeaders().size(), seen.getHeaders().toString());
        assertEquals(authority, seen.getHeaders().get("Host"));
        assertEquals("*/*", seen.getHeaders().get("accept"));
    }

    @Test
    void withoutListenersReplayStillRunsThroughTheAddons() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("n").build());
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("server", "false"),
                recorder)) {
            assertTrue(proxy.addresses().isEmpty());
            assertThrows(IllegalStateException.class, proxy::port);
            HttpFlow copy = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/n").toString(), ""))).get().get(0);
            assertEquals("n", copy.response().text());
            assertTrue(recorder.events.contains("running"));
            assertTrue(recorder.events.contains("response"));
        }
    }

    @Test
    void stopDropsTheQueuedFlowsAndTheRunningOneFinishes() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("first").build());
        CountDownLatch held = new CountDownLatch(1);
        Addon holdFirst = Addon.onRequest("hold", f -> {
            if (f.request().path().equals("/1")) {
                f.intercept();
                held.countDown();
            }
        });
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), holdFirst)) {
            FlowMaster master = proxy.master();
            var future = master.replayClient(List.of(
                    recorded("GET", upstream.url("/1").toString(), ""),
                    recorded("GET", upstream.url("/2").toString(), ""),
                    recorded("GET", upstream.url("/3").toString(), "")));
            held.await();
            assertEquals(3, master.clientReplayCount());
            assertEquals(2, master.stopClientReplay());
            assertEquals(1, master.clientReplayCount());
            master.resume(master.intercepted().get(0));
            List<HttpFlow> replayed = future.get();
            assertEquals(1, replayed.size());
            assertEquals("first", replayed.get(0).response().text());
            assertEquals(0, master.clientReplayCount());
        }
        assertEquals(1, upstream.getRequestCount());
    }

    @Test
    void killingAReplayedFlowEndsItWithTheKillError() throws Exception {
        Addon hold = Addon.onRequest("hold", f -> f.intercept());
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), hold, recorder)) {
            var future = proxy.master().replayClient(List.of(
                    recorded("GET", upstream.url("/k").toString(), "")));
            HttpFlow live = awaitIntercepted(proxy.master());
            proxy.master().kill(live);
            HttpFlow killed = future.get().get(0);
            assertTrue(killed.error().isKilled());
            assertNull(killed.response());
            assertEquals(List.of(killed), recorder.errors);
        }
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void closingTheServerKillsTheRunningReplayAndDropsTheQueuedOnes() throws Exception {
        Addon hold = Addon.onRequest("hold", f -> f.intercept());
        RecordingAddon recorder = new RecordingAddon();
        ProxyServer proxy = TestProxies.start(TestProxies.options(), hold, recorder);
        var future = proxy.master().replayClient(List.of(
                recorded("GET", upstream.url("/1").toString(), ""),
                recorded("GET", upstream.url("/2").toString(), "")));
        awaitIntercepted(proxy.master());
        proxy.close();
        List<HttpFlow> replayed = future.get();
        assertEquals(1, replayed.size());
        assertTrue(replayed.get(0).error().isKilled());
        List<String> tail = recorder.events.subList(recorder.events.size() - 2,
                recorder.events.size());
        assertEquals(List.of("error", "done"), tail, "the error event comes before done");
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void replayNeedsARunningServerAndConcurrencyIsOneOrMinusOne() {
        ProxyServer built = ProxyServer.builder().options(TestProxies.options()).build();
        assertThrows(IllegalStateException.class, () -> built.master().replayClient(List.of()));
        built.close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestProxies.options("client_replay_concurrency", "2"));
        assertTrue(e.getMessage().contains("client_replay_concurrency")
                && e.getMessage().contains("1 and -1"), e.getMessage());
    }

    private static HttpFlow awaitIntercepted(FlowMaster master) throws InterruptedException {
        while (master.intercepted().isEmpty()) {
            Thread.sleep(5);
        }
        return (HttpFlow) master.intercepted().get(0);
    }

    static HttpFlow recorded(String method, String url, String body) {
        Request r = Request.make(method, url, body.getBytes(StandardCharsets.UTF_8),
                new Headers());
        return new HttpFlow(new ClientConnection(), new ServerConnection(), r, false);
    }

    /** Counts replayed flows between request and their end; can hold each until N arrived. */
    private static final class InFlight implements Addon {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        private final CountDownLatch arrived;
        volatile boolean allArrived = true;

        InFlight(int holdUntil) {
            this.arrived = new CountDownLatch(holdUntil);
        }

        @Override
        public void request(HttpFlow flow) {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            arrived.countDown();
            if (arrived.getCount() > 0 || max.get() > 1) {
                try {
                    allArrived &= arrived.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void response(HttpFlow flow) {
            now.decrementAndGet();
        }

        @Override
        public void error(HttpFlow flow) {
            now.decrementAndGet();
        }
    }
}
