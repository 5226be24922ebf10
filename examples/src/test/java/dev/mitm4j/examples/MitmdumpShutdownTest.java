package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real mitmdump process: it stops accepting, lets the flow in progress finish (or
 * kills it once {@code shutdown_timeout} ran out), saves it with {@code -w}, and exits 0; a
 * second SIGTERM exits at once.
 */
class MitmdumpShutdownTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir Path dir;

    @Test void sigtermLetsTheFlowInProgressFinishAndSavesIt() throws Exception {
        Path file = dir.resolve("flows.mitm");
        try (SlowOrigin origin = new SlowOrigin();
                MitmdumpProcess mitmdump = MitmdumpProcess.start("-p", "0", "-w",
                        file.toString(), "--set", "shutdown_timeout=60")) {
            int port = mitmdump.port();
            CompletableFuture<HttpResponse<String>> response = client(port).sendAsync(
                    HttpRequest.newBuilder(URI.create(origin.url("/slow"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            origin.awaitHalfSent();

            mitmdump.terminate();
            awaitRefused(port);
            origin.finish();

            HttpResponse<String> r = response.get(LONG.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals(SlowOrigin.BODY, r.body());
            assertEquals(0, mitmdump.awaitExit(LONG));
        }
        HttpFlow saved = only(file);
        assertEquals(SlowOrigin.BODY, saved.response().text());
        assertNull(saved.error());
    }

    @Test void whatIsLeftWhenTheShutdownTimeoutRunsOutIsKilledAndSaved() throws Exception {
        Path file = dir.resolve("flows.mitm");
        try (SlowOrigin origin = new SlowOrigin();
                MitmdumpProcess mitmdump = MitmdumpProcess.start("-p", "0", "-w",
                        file.toString(), "--set", "shutdown_timeout=1")) {
            CompletableFuture<HttpResponse<String>> response = client(mitmdump.port())
                    .sendAsync(HttpRequest.newBuilder(URI.create(origin.url("/stalls")))
                            .build(), HttpResponse.BodyHandlers.ofString());
            origin.awaitHalfSent();

            mitmdump.terminate();

            assertEquals(0, mitmdump.awaitExit(LONG));
            response.handle((r, e) -> null).get(LONG.toSeconds(), TimeUnit.SECONDS);
        }
        HttpFlow saved = only(file);
        assertEquals(200, saved.response().statusCode(), "the head that arrived");
        assertEquals(FlowError.KILLED_MESSAGE, saved.error().msg());
    }

    @Test void aSecondSigtermExitsAtOnce() throws Exception {
        try (SlowOrigin origin = new SlowOrigin();
                MitmdumpProcess mitmdump = MitmdumpProcess.start("-p", "0", "--set",
                        "shutdown_timeout=600")) {
            client(mitmdump.port()).sendAsync(HttpRequest.newBuilder(
                    URI.create(origin.url("/stalls"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            origin.awaitHalfSent();

            mitmdump.terminate();
            mitmdump.awaitErr(line -> line.contains("shutting down: waiting up to 600 s"), LONG);
            mitmdump.terminate();

            assertEquals(143, mitmdump.awaitExit(LONG), "128 + SIGTERM, long before 600 s");
        }
    }

    private static HttpClient client(int port) {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port))).build();
    }

    private static HttpFlow only(Path file) throws Exception {
        List<Flow> flows = FlowReader.readAll(file);
        assertEquals(1, flows.size(), "the flow was saved");
        return (HttpFlow) flows.get(0);
    }

    /** Waits (bounded) until the listener is gone. */
    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return;
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "mitmdump still accepts connections after SIGTERM");
    }
}
