package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Origin-form requests ({@code GET /path} with a Host header) sent to a regular proxy are routed
 * by their Host header, as mitmproxy does; requests whose destination is the proxy itself are
 * refused, however its address is spelled, instead of looping back into it.
 */
class OriginFormTest {
    private final MockWebServer server = new MockWebServer();
    private final RecordingAddon recorder = new RecordingAddon();
    private final List<HttpFlow> flows = new CopyOnWriteArrayList<>();
    private ProxyServer proxy;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }

    private void start(String... options) {
        proxy = TestProxies.start(TestProxies.options(options), recorder,
                Addon.onResponse("flows", flows::add));
    }

    @Test
    void anOriginFormRequestGoesToTheServerItsHostHeaderNames() throws Exception {
        start();
        server.enqueue(new MockResponse.Builder().body("routed").build());
        try (RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET /by-host?q=1 HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.getPort() + "\r\nConnection: close\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            assertTrue(response.endsWith("routed"), response);
        }
        RecordedRequest recorded = server.takeRequest();
        assertEquals("/by-host?q=1", recorded.getTarget());
        assertEquals("127.0.0.1:" + server.getPort(), recorded.getHeaders().get("Host"));
        HttpFlow flow = flows.getFirst();
        assertEquals("http", flow.request().scheme());
        assertEquals("127.0.0.1", flow.request().host());
        assertEquals(server.getPort(), flow.request().port());
        assertEquals("/by-host?q=1", flow.request().path());
    }

    @Test
    void anOriginFormRequestWithoutAHostHeaderGets400() throws Exception {
        start();
        try (RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET / HTTP/1.0\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.contains("no Host header"), response);
        }
    }

    /**
     * The JDK's WebSocket client, after a plain request on the same pooled proxy connection,
     * sends its handshake in origin-form; MockWebServer upgrades it and echoes a message.
     */
    @Test
    void jdkWebSocketToAWsOriginAfterAPlainRequestOnTheSameConnection() throws Exception {
        start();
        server.enqueue(new MockResponse.Builder().body("plain").build());
        server.enqueue(new MockResponse.Builder().webSocketUpgrade(new EchoListener()).build());
        HttpClient client = TestProxies.client(proxy.port());
        assertEquals("plain", TestProxies.get(client, server.url("/plain").toString()).body());
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + server.getPort() + "/ws"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket,
                                    CharSequence data, boolean last) {
                                echoed.complete(data.toString());
                                return null;
                            }
                        })
                .get(20, TimeUnit.SECONDS);
        ws.sendText("hello through mitm4j", true).get(20, TimeUnit.SECONDS);
        assertEquals("hello through mitm4j", echoed.get(20, TimeUnit.SECONDS));
        ws.abort();
        server.takeRequest();
        assertEquals("/ws", server.takeRequest().getTarget());
    }

    @Test
    void requestsAimedAtTheProxyItselfAreRefusedInEverySpelling() throws Exception {
        start();
        int port = proxy.port();
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port,
                "LOCALHOST:" + port)) {
            String response = send(port, "GET /loop HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 502 "), host + ": " + response);
            assertTrue(response.contains("this proxy's own address"), response);
        }
        String absolute = send(port, "GET http://localhost:" + port + "/loop HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(absolute.startsWith("HTTP/1.1 502 "), absolute);
        String connect = send(port, "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: "
                + "127.0.0.1:" + port + "\r\n\r\n");
        assertTrue(connect.startsWith("HTTP/1.1 502 "), connect);
        assertEquals(6, recorder.events.stream().filter("client_connected"::equals).count(),
                "only the test's six connections, the proxy never connected to itself");
    }

    @Test
    void aProxyBoundToAllInterfacesKnowsItsWildcardAndLoopbackNames() throws Exception {
        start("listen_host", "");
        int port = proxy.port();
        for (String host : List.of("0.0.0.0:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                "[::]:" + port)) {
            String response = send(port, "GET / HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 502 "), host + ": " + response);
            assertTrue(response.contains("this proxy's own address"), response);
        }
    }

    @Test
    void anotherPortOfTheSameHostIsNotTheProxy() throws Exception {
        start();
        server.enqueue(new MockResponse.Builder().body("not a loop").build());
        String response = send(proxy.port(), "GET / HTTP/1.1\r\nHost: localhost:"
                + server.getPort() + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.endsWith("not a loop"), response);
    }

    private static String send(int port, String request) throws Exception {
        try (RawClient client = new RawClient(port)) {
            return client.send(request).readAll();
        }
    }

    /** Echoes every message back on MockWebServer's side of the WebSocket. */
    private static final class EchoListener extends WebSocketListener {
        @Override
        public void onMessage(okhttp3.WebSocket webSocket, String text) {
            webSocket.send(text);
        }

        @Override
        public void onMessage(okhttp3.WebSocket webSocket, ByteString bytes) {
            webSocket.send(bytes);
        }

        @Override
        public void onOpen(okhttp3.WebSocket webSocket, Response response) {}
    }
}
