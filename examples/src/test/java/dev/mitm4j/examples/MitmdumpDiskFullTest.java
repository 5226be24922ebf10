package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -w} on a disk that really fills up: mitmdump runs in its own mount namespace
 * ({@code unshare}) on a 64 KiB tmpfs, which this test fills and empties again through
 * {@code /proc/PID/root}. The flows that end while the disk is full are lost (one ERROR line for
 * the streak), proxying goes on, the file never holds a partial record, and once space returns
 * the next flows are appended and the whole file reads back without a warning.
 */
class MitmdumpDiskFullTest {
    /** Bigger than a page, so that each record runs past the space a full tmpfs has left. */
    private static final int BODY = 10_000;
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir Path dir;

    @Test void aFullDiskCostsTheFlowsThatEndMeanwhileNeverTheFileNorTheProxy() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("disk"));
        HttpServer origin = origin();
        try (MitmdumpProcess mitmdump = MitmdumpProcess.start(ownTmpfs(mount), "-p", "0",
                "-w", mount.resolve("flows.mitm").toString())) {
            Path inside = Path.of("/proc", Long.toString(mitmdump.pid()), "root")
                    .resolve(mount.toString().substring(1));
            Path file = inside.resolve("flows.mitm");
            HttpClient client = client(mitmdump.port());
            String base = "http://127.0.0.1:" + origin.getAddress().getPort();

            assertEquals(200, get(client, base + "/1"));
            assertEquals(List.of("/1"), paths(file));
            long whole = Files.size(file);

            Path filler = fill(inside.resolve("filler"));
            assertEquals(200, get(client, base + "/2"), "proxying goes on with the disk full");
            assertEquals(200, get(client, base + "/3"));
            assertEquals(whole, Files.size(file), "no partial record was left behind");
            mitmdump.awaitErr(l -> l.contains("save_stream_file: cannot write flow"), LONG);
            assertEquals(1, count(mitmdump, "save_stream_file: cannot write flow"),
                    "one ERROR per failure streak");

            Files.delete(filler);
            assertEquals(200, get(client, base + "/4"));
            assertEquals(List.of("/1", "/4"), paths(file));
            // stderr is read on another thread: the line may arrive after the flow is on disk
            mitmdump.awaitErr(l -> l.contains("works again; 2 flow(s) were not saved"), LONG);

            mitmdump.terminate();
            assertEquals(0, mitmdump.awaitExit(LONG));
        } finally {
            origin.stop(0);
        }
    }

    /**
     * The command that runs mitmdump in a private mount namespace with a 64 KiB tmpfs on
     * {@code mount}; it vanishes with the process. Root (as in CI) may do this directly; other
     * users map themselves to root in a new user namespace.
     */
    private static List<String> ownTmpfs(Path mount) {
        List<String> wrapper = new ArrayList<>(List.of("unshare", "--mount", "--propagation",
                "private"));
        if (!"root".equals(System.getProperty("user.name"))) {
            wrapper.add("--map-root-user");
        }
        wrapper.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\" && exec \"$@\"",
                mount.toString()));
        return wrapper;
    }

    /** Writes {@code filler} until the disk is full; {@return it} */
    private static Path fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            IOException full = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                    out.flush();
                }
            }, "the 64 KiB tmpfs never filled up");
            assertTrue(full.getMessage().contains("No space left"), full.toString());
        }
        return filler;
    }

    /** {@return the request paths of the flows in {@code file}, which must read without warning} */
    private static List<String> paths(Path file) throws IOException {
        try (FlowReader reader = FlowReader.open(file)) {
            List<Flow> flows = reader.readAll();
            assertEquals(List.of(), reader.warnings(), "every record is whole");
            return flows.stream().map(f -> ((HttpFlow) f).request().path()).toList();
        }
    }

    private static long count(MitmdumpProcess mitmdump, String text) {
        return mitmdump.err().stream().filter(l -> l.contains(text)).count();
    }

    private static HttpServer origin() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            byte[] body = new byte[BODY];
            java.util.Arrays.fill(body, (byte) 'x');
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static HttpClient client(int port) {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port))).build();
    }

    private static int get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
