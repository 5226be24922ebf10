package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mitmdump's short flags as its argparse reads them ({@code -nr FILE}, {@code -qkp0},
 * {@code -vvv}), and what {@code -q} and {@code -v} do to the flow lines and the log.
 */
class MitmdumpFlagsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir Path dir;

    @Test void combinedShortFlagsRecordAndFilterARecording() throws Exception {
        Path recorded = dir.resolve("recorded.mitm");
        try (Backend backend = new Backend(); Cli cli = Cli.start("-qkp0", "-w" + recorded)) {
            send(cli, HttpRequest.newBuilder(URI.create(backend.url("/a"))).build());
            send(cli, HttpRequest.newBuilder(URI.create(backend.url("/b")))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
            assertEquals("", cli.out(), "-q prints no flows");
        }
        Path posts = dir.resolve("posts.mitm");
        try (Cli cli = new Cli()) {
            assertEquals(0, cli.run("-nr", recorded.toString(), "-w", posts.toString(), "~m",
                    "POST"), cli.err());
            List<Flow> kept = FlowReader.readAll(posts);
            assertEquals(1, kept.size());
            assertEquals("POST", ((HttpFlow) kept.get(0)).request().method());
        }
    }

    /** -vvv is -v: flow_detail 2 (headers) and DEBUG lines, as mitmdump's store_const. */
    @Test void verboseShowsHeadersAndDebugLines() throws Exception {
        try (Backend backend = new Backend(); MitmdumpProcess mitmdump = MitmdumpProcess.start(
                "-vvvp0", "--set", "tcp_timeout=1", "--set", "confdir=" + dir)) {
            int port = mitmdump.port();
            HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(
                    new InetSocketAddress("127.0.0.1", port))).build();
            client.send(HttpRequest.newBuilder(URI.create(backend.url("/v"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            try (Socket idle = new Socket("127.0.0.1", port)) {
                assertEquals(-1, idle.getInputStream().read(), "closed after tcp_timeout");
            }
            String line = mitmdump.awaitErr(l -> l.contains("idle for longer than tcp_timeout"),
                    WAIT);
            assertTrue(line.contains(" DEBUG "), line);
            awaitOut(mitmdump, l -> l.equals("    Host: 127.0.0.1:" + backend.port()));
        }
    }

    /** -q: termlog_verbosity error, so an INFO line (a malformed request) is not shown. */
    @Test void quietHidesInfoLines() throws Exception {
        try (Backend backend = new Backend(); MitmdumpProcess mitmdump = MitmdumpProcess.start(
                "-q", "-p", "0", "--set", "confdir=" + dir)) {
            int port = mitmdump.port();
            assertTrue(rawRequest(port, "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n")
                    .startsWith("HTTP/1.1 400 "));
            HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1",
                    port))).build().send(HttpRequest.newBuilder(URI.create(backend.url("/q")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            mitmdump.terminate();
            assertEquals(0, mitmdump.awaitExit(WAIT));
            assertEquals(List.of(), mitmdump.out());
            assertEquals(List.of(), mitmdump.err().stream()
                    .filter(l -> !l.contains("listening at")).toList());
        }
    }

    @Test void badCombinationsExitWith2NamingTheFlag() {
        assertUsageError("unrecognized flag -x in -nx", "-nx");
        assertUsageError("flag -p expects a value", "-qp");
        assertUsageError("flag --server not allowed with -n", "-n", "--server");
    }

    private static void assertUsageError(String expected, String... args) {
        try (Cli cli = new Cli()) {
            assertEquals(Mitmdump.USAGE, cli.run(args), String.join(" ", args));
            assertTrue(cli.err().contains("mitmdump: error: " + expected), cli.err());
        }
    }

    static String rawRequest(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static void awaitOut(MitmdumpProcess mitmdump, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mitmdump.out().stream().noneMatch(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such line on stdout; got:\n"
                        + String.join("\n", mitmdump.out()));
            }
            Thread.sleep(10);
        }
    }

    private static void send(Cli cli, HttpRequest request) throws Exception {
        HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1",
                cli.port()))).build().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
