package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * {@code text/event-stream} responses stream by default, event by event: the server below sends
 * each event only after the client has received the one before (lockstep), so a proxy that
 * buffered the stream would make these tests time out. Addons still see the events as chunks,
 * and the flow keeps what streamed through, up to 1 MiB.
 */
class EventStreamTest {
    private static final int EVENTS = 5;

    /** A server that sends {@value #EVENTS} events, each once the client acknowledged the last. */
    private static final class LockstepEvents implements ScriptedServer.Script {
        final Semaphore received = new Semaphore(0);

        @Override
        public void run(java.net.Socket socket) throws Exception {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            OutputStream out = socket.getOutputStream();
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8"
                    + "\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 1; i <= EVENTS; i++) {
                String event = "id: " + i + "\ndata: event " + i + "\n\n";
                out.write(ascii(Integer.toHexString(event.length()) + "\r\n" + event + "\r\n"));
                out.flush();
                if (!received.tryAcquire(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("the client did not receive event " + i
                            + " before the next was sent: the proxy buffered the stream");
                }
            }
            out.write(ascii("0\r\n\r\n"));
            out.flush();
        }
    }

    @Test
    void theJdkClientReceivesEachEventBeforeTheNextIsSent() throws Exception {
        LockstepEvents events = new LockstepEvents();
        CompletableFuture<HttpFlow> done = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer(events);
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        Addon.onResponse("done", done::complete))) {
            HttpResponse<Stream<String>> response = TestProxies.client(proxy.port()).send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/events")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals("text/event-stream; charset=utf-8",
                    response.headers().firstValue("content-type").orElseThrow());
            int seen = 0;
            for (Iterator<String> lines = response.body().iterator(); lines.hasNext(); ) {
                if (lines.next().equals("data: event " + (seen + 1))) {
                    seen++;
                    events.received.release();
                }
            }
            assertEquals(EVENTS, seen);
            server.done.get(20, TimeUnit.SECONDS);
            HttpFlow flow = done.get(20, TimeUnit.SECONDS);
            String all = allEvents();
            assertEquals(all, new String(flow.response().content(), StandardCharsets.UTF_8));
            assertEquals((long) all.length(), flow.metadata().get("streamed_bytes"));
            assertTrue(!flow.metadata().containsKey(Streaming.NOT_KEPT), "kept whole");
        }
    }

    @Test
    void curlReceivesEachEventBeforeTheNextIsSent() throws Exception {
        LockstepEvents events = new LockstepEvents();
        try (ScriptedServer server = new ScriptedServer(events);
                ProxyServer proxy = TestProxies.start(TestProxies.options())) {
            Process curl = new ProcessBuilder("curl", "-sN", "--max-time", "60", "--noproxy", "",
                    "-x", "http://127.0.0.1:" + proxy.port(),
                    "http://127.0.0.1:" + server.port() + "/events").start();
            int seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(
                    curl.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("data: event " + (seen + 1))) {
                        seen++;
                        events.received.release();
                    }
                }
            } finally {
                curl.destroy();
            }
            assertEquals(EVENTS, seen);
            server.done.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAddonsChunkTransformerSeesEveryEventAsItPasses() throws Exception {
        LockstepEvents events = new LockstepEvents();
        List<String> chunks = new CopyOnWriteArrayList<>();
        Addon tap = new Addon() {
            @Override
            public void responseHeaders(HttpFlow flow) {
                Streaming.response(flow, chunk -> {
                    chunks.add(new String(chunk, StandardCharsets.UTF_8));
                    return chunk;
                });
            }
        };
        try (ScriptedServer server = new ScriptedServer(events);
                ProxyServer proxy = TestProxies.start(TestProxies.options(), tap);
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + server.port() + "/ HTTP/1.1\r\nHost: e\r\n\r\n");
            client.readUntil("\r\n\r\n");
            for (int i = 1; i <= EVENTS; i++) {
                client.readUntil("data: event " + i + "\n\n");
                events.received.release();
            }
            server.done.get(20, TimeUnit.SECONDS);
        }
        assertEquals(EVENTS, chunks.size(), chunks.toString());
        assertEquals("id: 3\ndata: event 3\n\n", chunks.get(2));
    }

    @Test
    void aLongStreamKeepsItsFirstMebibyteInTheFlow() throws Exception {
        byte[] body = new byte[1536 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        CompletableFuture<HttpFlow> done = new CompletableFuture<>();
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        Addon.onResponse("done", done::complete))) {
            server.start();
            server.enqueue(new MockResponse.Builder().addHeader("Content-Type",
                    "text/event-stream").body(new okio.Buffer().write(body)).build());
            HttpResponse<byte[]> response = TestProxies.client(proxy.port()).send(
                    HttpRequest.newBuilder(URI.create(server.url("/").toString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(body, response.body());
            HttpFlow flow = done.get(20, TimeUnit.SECONDS);
            assertArrayEquals(java.util.Arrays.copyOf(body, 1024 * 1024),
                    flow.response().rawContent());
            assertEquals((long) body.length, flow.metadata().get("streamed_bytes"));
            assertEquals(List.of("response"), flow.metadata().get(Streaming.NOT_KEPT));
        }
    }

    @Test
    void anAddonMayBufferAnEventStreamAgain() throws Exception {
        Addon buffer = new Addon() {
            @Override
            public void responseHeaders(HttpFlow flow) {
                Streaming.response(flow, false);
            }
        };
        CompletableFuture<HttpFlow> done = new CompletableFuture<>();
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), buffer,
                        Addon.onResponse("done", done::complete))) {
            server.start();
            server.enqueue(new MockResponse.Builder().addHeader("Content-Type",
                    "text/event-stream").body("data: one\n\ndata: two\n\n").build());
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    server.url("/").toString());
            assertEquals("data: one\n\ndata: two\n\n", response.body());
            HttpFlow flow = done.get(20, TimeUnit.SECONDS);
            assertEquals("data: one\n\ndata: two\n\n", flow.response().text());
            assertTrue(!flow.metadata().containsKey("streamed_bytes"), flow.metadata().toString());
            assertEquals("22", response.headers().firstValue("content-length").orElseThrow());
        }
    }

    private static String allEvents() {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= EVENTS; i++) {
            all.append("id: ").append(i).append("\ndata: event ").append(i).append("\n\n");
        }
        return all.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
