package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** intercept() parks the flow; FlowMaster resumes or kills it from the test thread. */
class InterceptTest {
    private final MockWebServer server = new MockWebServer();
    private final CompletableFuture<HttpFlow> held = new CompletableFuture<>();
    private final RecordingAddon recorder = new RecordingAddon();
    private ProxyServer proxy;
    private HttpClient client;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        Addon interceptor = Addon.onRequest("interceptor", f -> {
            f.intercept();
            held.complete(f);
        });
        proxy = TestProxies.start(TestProxies.options(), interceptor, recorder);
        client = TestProxies.client(proxy.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        server.close();
    }

    @Test
    void resumedFlowReachesTheServer() throws Exception {
        server.enqueue(new MockResponse.Builder().body("late").build());
        CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(
                () -> send(server.url("/held").toString()));
        HttpFlow flow = held.get(10, TimeUnit.SECONDS);
        assertEquals(java.util.List.<Flow>of(flow), proxy.master().intercepted());
        assertEquals(0, server.getRequestCount());
        proxy.master().resume(flow);
        assertEquals("late", response.get(10, TimeUnit.SECONDS).body());
        assertEquals(1, server.getRequestCount());
        assertTrue(proxy.master().intercepted().isEmpty());
    }

    @Test
    void killedFlowEndsWithAnErrorAndItsConnectionCloses() throws Exception {
        // A raw client: the JDK client would retry the GET after the connection closes.
        try (RawClient raw = new RawClient(proxy.port())) {
            raw.send("GET " + server.url("/doomed") + " HTTP/1.1\r\nHost: x\r\n\r\n");
            HttpFlow flow = held.get(10, TimeUnit.SECONDS);
            proxy.master().kill(flow);
            assertEquals("", raw.readAll());
        }
        HttpFlow flow = held.get();
        recorder.awaitDisconnects();
        assertEquals(FlowError.KILLED_MESSAGE, flow.error().msg());
        assertEquals(java.util.List.of(flow), recorder.errors);
        assertEquals(0, server.getRequestCount());
    }

    private HttpResponse<String> send(String url) {
        try {
            return TestProxies.get(client, url);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
