package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddonEventsTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void setUp() throws Exception {
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void eventsOfOneRequestComeInMitmproxyOrder() throws Exception {
        server.enqueue(new MockResponse.Builder().body("hi").build());
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET " + server.url("/x") + " HTTP/1.1\r\nHost: "
                    + server.url("/").host() + "\r\nConnection: close\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nhi"), response);
            assertEquals(List.of("load", "configure", "running", "client_connected",
                    "next_layer", "requestheaders", "request", "server_connect",
                    "server_connected", "responseheaders", "response", "server_disconnected",
                    "client_disconnected"), recorder.awaitDisconnects());
        }
        assertEquals("done", recorder.events.getLast());
    }

    @Test
    void addonsRunInRegistrationOrderAndCanChangeTheFlow() throws Exception {
        server.enqueue(new MockResponse.Builder().body("up").build());
        List<String> order = new CopyOnWriteArrayList<>();
        Addon first = Addon.onRequest("first", f -> {
            order.add("first");
            f.request().headers().set("X-Step", "1");
        });
        Addon second = Addon.onRequest("second", f -> {
            order.add("second:" + f.request().headers().get("X-Step"));
        });
        Addon rewrite = Addon.onResponse("rewrite", f -> f.response().text("changed"));
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), first, second,
                rewrite)) {
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    server.url("/").toString());
            assertEquals("changed", response.body());
        }
        assertEquals(List.of("first", "second:1"), order);
        assertEquals("1", server.takeRequest().getHeaders().get("X-Step"));
    }

    @Test
    void anAddonThatThrowsIsSkippedAndTheFlowGoesOn() throws Exception {
        server.enqueue(new MockResponse.Builder().body("fine").build());
        Addon broken = Addon.onRequest("broken", f -> {
            throw new IllegalStateException("boom");
        });
        RecordingAddon after = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), broken, after)) {
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    server.url("/").toString());
            assertEquals(200, response.statusCode());
            assertEquals("fine", response.body());
        }
        assertTrue(after.events.contains("request"), after.events.toString());
        assertTrue(after.events.contains("response"), after.events.toString());
    }

    @Test
    void anticacheAndAnticompRunAsBuiltInAddons() throws Exception {
        server.enqueue(new MockResponse.Builder().body("fresh").build());
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("anticache", "true", "anticomp", "true"));
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET " + server.url("/") + " HTTP/1.1\r\nHost: x\r\n"
                    + "If-None-Match: \"e\"\r\nAccept-Encoding: gzip\r\n\r\n")
                    .readUntil("fresh");
        }
        mockwebserver3.RecordedRequest recorded = server.takeRequest();
        assertEquals(null, recorded.getHeaders().get("If-None-Match"));
        assertEquals("identity", recorded.getHeaders().get("Accept-Encoding"));
    }

    @Test
    void anAddonCanAnswerWithoutUpstream() throws Exception {
        Addon answer = Addon.onRequest("answer", f -> f.response(
                dev.mitm4j.http.Response.make(418, "teapot", new dev.mitm4j.http.Headers())));
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), answer, recorder)) {
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    "http://127.0.0.1:1/nowhere");
            assertEquals(418, response.statusCode());
            assertEquals("teapot", response.body());
        }
        assertEquals(0, server.getRequestCount());
        assertTrue(!recorder.events.contains("server_connect"), recorder.events.toString());
    }

    @Test
    void refusedUpstreamFiresErrorEventAndClientGets502() throws Exception {
        int port = server.getPort();
        server.close();
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder)) {
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    "http://127.0.0.1:" + port + "/");
            assertEquals(502, response.statusCode());
        }
        HttpFlow failed = recorder.errors.getFirst();
        assertTrue(failed.error().msg().contains("cannot connect to 127.0.0.1:" + port),
                failed.error().msg());
        assertTrue(recorder.events.contains("server_connect_error"));
        assertTrue(!recorder.events.contains("response"), recorder.events.toString());
    }
}
