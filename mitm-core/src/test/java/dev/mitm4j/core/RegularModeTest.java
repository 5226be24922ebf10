package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegularModeTest {
    private final MockWebServer server = new MockWebServer();
    private ProxyServer proxy;
    private HttpClient client;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        proxy = TestProxies.start(TestProxies.options());
        client = TestProxies.client(proxy.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        server.close();
    }

    @Test
    void forwardsAbsoluteFormRequestAsOriginForm() throws Exception {
        server.enqueue(new MockResponse.Builder().body("hello").addHeader("X-Up", "1").build());
        HttpResponse<String> response = TestProxies.get(client, server.url("/a?b=c").toString());
        assertEquals(200, response.statusCode());
        assertEquals("hello", response.body());
        assertEquals("1", response.headers().firstValue("x-up").orElseThrow());
        RecordedRequest recorded = server.takeRequest();
        assertEquals("/a?b=c", recorded.getTarget());
    }

    @Test
    void keepsClientConnectionAndReusesUpstreamConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().body("r" + i).build());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("r" + i, TestProxies.get(client, server.url("/" + i).toString()).body());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, server.takeRequest().getConnectionIndex(), "request " + i);
        }
    }

    @Test
    void forwardsRequestBody() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create(server.url("/post").toString()))
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("ok", response.body());
        assertEquals("payload", server.takeRequest().getBody().utf8());
    }

    @Test
    void answers502WhenUpstreamRefuses() throws Exception {
        int port = server.getPort();
        server.close();
        HttpResponse<String> response = TestProxies.get(client,
                "http://127.0.0.1:" + port + "/");
        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("cannot connect to 127.0.0.1:" + port),
                response.body());
    }
}
