package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streamed bodies reach the peer before they end: each server here waits for the test to see the
 * first part before it sends the rest, so a buffering proxy would never deliver it.
 */
class StreamingTest {
    private final CountDownLatch firstPartSeen = new CountDownLatch(1);

    private ScriptedServer twoPartResponse() throws Exception {
        return new ScriptedServer(socket -> {
            readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst".getBytes(
                    StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(firstPartSeen.await(20, TimeUnit.SECONDS));
            out.write("rest!".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
    }

    private void fetchInTwoParts(ProxyServer proxy, int port, String first, String rest)
            throws Exception {
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + port + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = client.readUntil("\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            String got = client.readUntil(first);
            firstPartSeen.countDown();
            got += client.readUntil(rest);
            assertTrue(got.endsWith(first + rest) || got.contains(rest), got);
        }
    }

    @Test
    void addonStreamsTheResponse() throws Exception {
        Addon streamer = new Addon() {
            @Override
            public void responseHeaders(dev.mitm4j.http.HttpFlow flow) {
                Streaming.response(flow, true);
            }
        };
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = twoPartResponse();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), streamer,
                        recorder)) {
            fetchInTwoParts(proxy, server.port(), "first", "rest!");
            recorder.awaitDisconnects();
        }
        assertTrue(recorder.events.contains("response"), recorder.events.toString());
    }

    @Test
    void chunkTransformerRewritesEachChunk() throws Exception {
        Addon shouter = new Addon() {
            @Override
            public void responseHeaders(dev.mitm4j.http.HttpFlow flow) {
                Streaming.response(flow, chunk -> new String(chunk, StandardCharsets.US_ASCII)
                        .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            }
        };
        try (ScriptedServer server = twoPartResponse();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), shouter)) {
            fetchInTwoParts(proxy, server.port(), "FIRST", "REST!");
        }
    }

    @Test
    void bodiesOverStreamLargeBodiesStreamWithoutAnAddon() throws Exception {
        try (ScriptedServer server = twoPartResponse();
                ProxyServer proxy = TestProxies.start(
                        TestProxies.options("stream_large_bodies", "5"))) {
            fetchInTwoParts(proxy, server.port(), "first", "rest!");
        }
    }

    @Test
    void addonStreamsTheRequestBody() throws Exception {
        CountDownLatch serverSawFirst = new CountDownLatch(1);
        Addon streamer = new Addon() {
            @Override
            public void requestHeaders(dev.mitm4j.http.HttpFlow flow) {
                Streaming.request(flow, true);
            }
        };
        try (ScriptedServer server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("POST /up HTTP/1.1"), head);
            assertEquals("first", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            serverSawFirst.countDown();
            assertEquals("rest!", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(
                    StandardCharsets.US_ASCII));
        });
                ProxyServer proxy = TestProxies.start(TestProxies.options(), streamer);
                RawClient client = new RawClient(proxy.port())) {
            client.send("POST http://127.0.0.1:" + server.port() + "/up HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 10\r\n\r\nfirst");
            assertTrue(serverSawFirst.await(20, TimeUnit.SECONDS));
            client.send("rest!");
            assertTrue(client.readUntil("\r\n\r\n").startsWith("HTTP/1.1 204"));
            server.done.get(20, TimeUnit.SECONDS);
        }
    }

    static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("EOF in head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
