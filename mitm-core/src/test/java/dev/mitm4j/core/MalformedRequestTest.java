package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class MalformedRequestTest {

    @Test
    void malformedHeaderGets400AndALogLineWithTheOffset() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:1/ HTTP/1.1\r\n"
                    + "Host: a\r\nBad Header\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            recorder.awaitDisconnects();
        }
        String log = recorder.logs.getFirst().message();
        assertTrue(log.contains("malformed request"), log);
        assertTrue(log.contains("offset 46"), log);
    }

    @Test
    void aBadChunkSizeInABufferedRequestBodyGets400AndNothingReachesTheServer() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder);
                RawClient client = new RawClient(proxy.port())) {
            server.start();
            String response = client.send("POST " + server.url("/upload") + " HTTP/1.1\r\n"
                    + "Host: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.contains("malformed request body"), response);
            recorder.awaitDisconnects();
            assertEquals(0, server.getRequestCount());
        }
        assertEquals(1, recorder.errors.size(), recorder.events.toString());
        assertTrue(recorder.errors.getFirst().error().msg().contains("chunk"),
                recorder.errors.getFirst().error().msg());
        assertEquals(1, recorder.logs.size(), "logged once: " + recorder.logs);
        assertTrue(recorder.logs.getFirst().message().contains("127.0.0.1"),
                recorder.logs.getFirst().message());
    }

    @Test
    void aBadChunkSizeInAStreamedRequestBodyGets400() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        new Addon() {
                            @Override
                            public void requestHeaders(dev.mitm4j.http.HttpFlow flow) {
                                Streaming.request(flow, true);
                            }
                        });
                RawClient client = new RawClient(proxy.port())) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("never").build());
            String response = client.send("POST " + server.url("/upload") + " HTTP/1.1\r\n"
                    + "Host: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n-1\r\nworld\r\n0\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
        }
    }
}
