package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    @Test
    void largerResponseBodyBecomesAnErrorFlow() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("x".repeat(100)).build());
            try (ProxyServer proxy = TestProxies.start(
                    TestProxies.options("body_size_limit", "10"), recorder);
                    RawClient client = new RawClient(proxy.port())) {
                String response = client.send("GET " + server.url("/big")
                        + " HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
                assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway"), response);
            }
        }
        String error = recorder.errors.getFirst().error().msg();
        assertEquals("response body exceeds body_size_limit (10 bytes)", error);
        assertTrue(!recorder.events.contains("response"), recorder.events.toString());
    }

    @Test
    void largerRequestBodyIsRefusedWith413() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("body_size_limit", "10"), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("POST http://127.0.0.1:1/ HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 20\r\n\r\n" + "y".repeat(20)).readAll();
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        }
        assertEquals("request body exceeds body_size_limit (10 bytes)",
                recorder.errors.getFirst().error().msg());
    }
}
