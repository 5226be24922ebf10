package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reverse and upstream modes, and several modes in one server. */
class ModesTest {
    private final MockWebServer server = new MockWebServer();
    private final HttpClient direct = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void setUp() throws Exception {
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Test
    void reverseModeSendsEverythingToItsServerAndRewritesHost() throws Exception {
        server.enqueue(new MockResponse.Builder().body("rev").build());
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("mode", "reverse:" + origin()))) {
            HttpResponse<String> response = TestProxies.get(direct,
                    "http://127.0.0.1:" + proxy.port() + "/r?q=1");
            assertEquals("rev", response.body());
        }
        RecordedRequest recorded = server.takeRequest();
        assertEquals("/r?q=1", recorded.getTarget());
        assertEquals("127.0.0.1:" + server.getPort(), recorded.getHeaders().get("Host"));
    }

    @Test
    void reverseModeKeepsHostWithKeepHostHeader() throws Exception {
        server.enqueue(new MockResponse.Builder().body("rev").build());
        int proxyPort;
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(
                "mode", "reverse:" + origin(), "keep_host_header", "true"))) {
            proxyPort = proxy.port();
            TestProxies.get(direct, "http://127.0.0.1:" + proxyPort + "/");
        }
        assertEquals("127.0.0.1:" + proxyPort, server.takeRequest().getHeaders().get("Host"));
    }

    @Test
    void upstreamModeChainsToAnotherProxyWithCredentials() throws Exception {
        server.enqueue(new MockResponse.Builder().body("chained").build());
        RecordingAddon second = new RecordingAddon();
        try (ProxyServer downstream = TestProxies.start(TestProxies.options(), second);
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "mode", "upstream:http://127.0.0.1:" + downstream.port(),
                        "upstream_auth", "user:secret"))) {
            HttpResponse<String> response = TestProxies.get(
                    TestProxies.client(proxy.port()), origin() + "/via");
            assertEquals("chained", response.body());
        }
        assertTrue(second.events.contains("request"), second.events.toString());
        RecordedRequest recorded = server.takeRequest();
        assertEquals("/via", recorded.getTarget());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes()),
                recorded.getHeaders().get("Proxy-Authorization"));
    }

    @Test
    void upstreamModeTunnelsConnectThroughTheOtherProxy() throws Exception {
        try (EchoServer echo = new EchoServer();
                ProxyServer downstream = TestProxies.start(TestProxies.options());
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "mode", "upstream:http://127.0.0.1:" + downstream.port()));
                RawClient client = new RawClient(proxy.port())) {
            String authority = "127.0.0.1:" + echo.port();
            String head = client.send("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                    + "\r\n\r\n").readUntil("\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            assertEquals("ping", client.send("ping").read(4));
        }
    }

    @Test
    void severalModesListenOnTheirOwnPorts() throws Exception {
        server.enqueue(new MockResponse.Builder().body("a").build());
        server.enqueue(new MockResponse.Builder().body("b").build());
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(
                "mode", "regular", "mode", "reverse:" + origin() + "@0"))) {
            assertEquals(2, proxy.addresses().size());
            int regular = proxy.addresses().get(0).getPort();
            int reverse = proxy.addresses().get(1).getPort();
            assertNotEquals(regular, reverse);
            assertEquals("a", TestProxies.get(TestProxies.client(regular), origin() + "/")
                    .body());
            assertEquals("b", direct.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + reverse + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
