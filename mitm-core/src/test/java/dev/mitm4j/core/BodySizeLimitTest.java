package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * body_size_limit as mitmproxy honours it: a request body over it gets 413, a response body 502,
 * both with an error flow; a declared Content-Length over it fails before any of the body is
 * read, streamed or not; sizes take k/m/g suffixes. Unlike mitmproxy, a streamed body without a
 * declared length is cut off when it grows over the limit instead of passing.
 */
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

    @Test
    void aDeclaredRequestLengthOverTheLimitGets413BeforeContinueAndReachesNoServer()
            throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = GeneratedBodies.counting();
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_size_limit", "10"), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("POST http://127.0.0.1:" + server.port() + "/ HTTP/1.1"
                    + "\r\nHost: x\r\nContent-Length: 20\r\nExpect: 100-continue\r\n\r\n")
                    .readAll();
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
            assertFalse(server.done.isDone(), "the server got no connection");
        }
        assertEquals(List.of("request body exceeds body_size_limit (10 bytes)"),
                recorder.errors.stream().map(f -> f.error().msg()).toList());
    }

    @Test
    void aStreamedRequestGrowingOverTheLimitGets413() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = new ScriptedServer(socket -> socket.getInputStream()
                        .readAllBytes());
                ProxyServer proxy = TestProxies.start(TestProxies.options("body_size_limit",
                        "100", "stream_large_bodies", "10"), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String chunk = "20\r\n" + "y".repeat(32) + "\r\n";
            String response = client.send("POST http://127.0.0.1:" + server.port() + "/ HTTP/1.1"
                    + "\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk.repeat(5)
                    + "0\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        }
        assertEquals("request body exceeds body_size_limit (100 bytes)",
                recorder.errors.getFirst().error().msg());
    }

    @Test
    void aDeclaredResponseLengthOverTheLimitGets502EvenWhenItWouldBeStreamed() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = GeneratedBodies.zeros(100, false);
                ProxyServer proxy = TestProxies.start(TestProxies.options("body_size_limit",
                        "10", "stream_large_bodies", "1"), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:" + server.port()
                    + "/ HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway"), response);
        }
        assertEquals("response body exceeds body_size_limit (10 bytes)",
                recorder.errors.getFirst().error().msg());
    }

    @Test
    void aChunkedResponseGrowingOverTheLimitWhileBufferedGets502() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = GeneratedBodies.zeros(100_000, true);
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("body_size_limit", "10k"), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:" + server.port()
                    + "/ HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway"), response);
        }
        assertEquals("response body exceeds body_size_limit (10240 bytes)",
                recorder.errors.getFirst().error().msg());
    }

    @Test
    void aStreamedChunkedResponseGrowingOverTheLimitIsCutOff() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = GeneratedBodies.zeros(1_000_000, true);
                ProxyServer proxy = TestProxies.start(TestProxies.options("body_size_limit",
                        "100k", "stream_large_bodies", "1k"), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:" + server.port()
                    + "/ HTTP/1.1\r\nHost: x\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response.substring(0, 20));
            assertFalse(response.endsWith("0\r\n\r\n"), "no last chunk: the client sees a cut");
            assertTrue(response.length() < 200_000, "cut soon after the limit");
        }
        assertEquals("response body exceeds body_size_limit (102400 bytes)",
                recorder.errors.getFirst().error().msg());
    }

    @Test
    void sizesTakeSuffixesAndTheLimitItselfIsAllowed() throws Exception {
        try (ScriptedServer server = GeneratedBodies.counting();
                ProxyServer proxy = TestProxies.start(TestProxies.options("body_size_limit",
                        "1k"));
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("POST http://127.0.0.1:" + server.port() + "/ HTTP/1.1"
                    + "\r\nHost: x\r\nContent-Length: 1024\r\n\r\n" + "y".repeat(1024))
                    .readUntil("\r\n\r\n1024");
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
        }
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("body_size_limit", "1k"));
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("POST http://127.0.0.1:1/ HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 1025\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        }
    }
}
