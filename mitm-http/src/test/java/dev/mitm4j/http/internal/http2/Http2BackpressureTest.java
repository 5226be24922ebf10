package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okio.BufferedSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control is backpressure: a reader that stops reading stops its peer once the window is
 * used, and what is buffered never exceeds the window. Over real sockets, with our client, curl
 * and nghttpd as the other end.
 */
@Timeout(60)
class Http2BackpressureTest {
    private static final int WINDOW = Http2Limits.DEFAULT_INITIAL_WINDOW_SIZE;
    private H2cEchoServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServerThatStopsReadingBlocksTheClientsWritesOnceTheStreamWindowIsUsed()
            throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 7);
        try (Http2Connection client = Http2ConnectionTest.connect(server.port(),
                Http2Limits.defaults())) {
            Http2Stream s = client.newStream(Http2RequestHead.of("POST", "http", "localhost",
                    "/hold", Headers.of("content-length", Integer.toString(body.length))), false);
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writer = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedSink sink = Okio.buffer(s.bodySink())) {
                    for (int off = 0; off < body.length; off += 8192) {
                        sink.write(body, off, 8192);
                        sink.emit();
                        written.set(off + 8192);
                    }
                    writer.complete(null);
                } catch (Exception e) {
                    writer.completeExceptionally(e);
                }
            });
            long stalledAt = awaitStall(written);
            Http2Stream held = server.held.peek();
            assertTrue(stalledAt <= WINDOW, "wrote " + stalledAt + " beyond the window");
            assertTrue(stalledAt >= WINDOW - 2 * 8192, "stalled early at " + stalledAt);
            assertEquals(WINDOW, held.buffered(), "the server buffers exactly the window");
            assertTrue(!writer.isDone());

            server.release();
            writer.get(20, TimeUnit.SECONDS);
            assertEquals(200, s.readResponseHead().status());
            assertTrue(Arrays.equals(body, Okio.buffer(s.body()).readByteArray()));
        }
    }

    @Test
    void curlUploadingToAHandlerThatDoesNotReadIsHeldAtTheWindow() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) 'z');
        CompletableFuture<Peers.Result> curl = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                curl.complete(Peers.run(body, "curl", "-sS", "--http2-prior-knowledge",
                        "--data-binary", "@-", "http://127.0.0.1:" + server.port() + "/hold"));
            } catch (Exception e) {
                curl.completeExceptionally(e);
            }
        });
        Http2Stream held = awaitHeld();
        long buffered = awaitStall(held);
        assertEquals(WINDOW, buffered, "buffered for the stream");
        assertTrue(!curl.isDone(), "curl waits for window");
        Thread.sleep(300);
        assertEquals(WINDOW, held.buffered(), "still no more than the window");

        server.release();
        Peers.Result r = curl.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(Arrays.equals(body, r.stdout()));
    }

    @Test
    void ourClientNotReadingAResponseHoldsNghttpdAtTheWindow(@TempDir Path docroot)
            throws Exception {
        byte[] file = new byte[8 * 1024 * 1024];
        Arrays.fill(file, (byte) 'n');
        Files.write(docroot.resolve("big.bin"), file);
        int port = Peers.freePort();
        Process nghttpd = new ProcessBuilder("nghttpd", "--no-tls", "-d", docroot.toString(),
                "-a", "127.0.0.1", Integer.toString(port)).redirectErrorStream(true).start();
        try {
            Thread.sleep(200);
            Http2Connection client = null;
            for (int i = 0; client == null; i++) {
                try {
                    client = Http2ConnectionTest.connect(port, Http2Limits.defaults());
                } catch (java.net.ConnectException e) {
                    if (i == 100) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
            try (Http2Connection c = client) {
                Http2Stream s = c.newStream(Http2RequestHead.of("GET", "http",
                        "127.0.0.1:" + port, "/big.bin", new Headers()), true);
                assertEquals(200, s.readResponseHead().status());
                long buffered = awaitStall(s);
                assertTrue(buffered <= WINDOW, "buffered " + buffered);
                assertEquals(file.length, Okio.buffer(s.body()).readByteArray().length);
            }
        } finally {
            nghttpd.destroy();
            nghttpd.waitFor();
        }
    }

    private Http2Stream awaitHeld() throws InterruptedException {
        for (int i = 0; i < 1000 && server.held.isEmpty(); i++) {
            Thread.sleep(10);
        }
        Http2Stream s = server.held.peek();
        if (s == null) {
            throw new AssertionError("no stream reached the handler");
        }
        return s;
    }

    /** {@return the buffered size once it stopped growing for 300 ms} */
    private static long awaitStall(Http2Stream stream) throws InterruptedException {
        AtomicLong size = new AtomicLong();
        return awaitStall(size, () -> size.set(stream.buffered()));
    }

    private static long awaitStall(AtomicLong counter) throws InterruptedException {
        return awaitStall(counter, () -> { });
    }

    private static long awaitStall(AtomicLong counter, Runnable refresh)
            throws InterruptedException {
        long last = -1;
        int still = 0;
        for (int i = 0; i < 500 && still < 6; i++) {
            Thread.sleep(50);
            refresh.run();
            long now = counter.get();
            still = now == last && now > 0 ? still + 1 : 0;
            last = now;
        }
        return last;
    }
}
