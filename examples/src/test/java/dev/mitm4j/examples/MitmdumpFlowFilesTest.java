package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mitmdump's file flags through the CLI: {@code -w} records, {@code -n -r IN -w OUT FILTER}
 * filters a recording without a proxy, {@code -S} answers from a recording with the origin gone.
 */
class MitmdumpFlowFilesTest {
    @TempDir Path dir;

    @Test void recordsWithWAndFiltersARecordingWithoutAProxy() throws Exception {
        Path recorded = record();
        Path posts = dir.resolve("posts.mitm");
        try (Cli cli = new Cli()) {
            int status = cli.run("-n", "-r", recorded.toString(), "-w", posts.toString(),
                    "~m", "POST");
            assertEquals(0, status, cli.err());
            List<Flow> kept = FlowReader.readAll(posts);
            assertEquals(1, kept.size());
            assertEquals("POST", ((HttpFlow) kept.get(0)).request().method());
            assertTrue(cli.out().contains(": POST http://127.0.0.1:"), cli.out());
            assertTrue(!cli.out().contains(": GET "), "the filter also chooses what is printed");
        }
    }

    @Test void serverReplayAnswersFromARecordingWithTheOriginGone() throws Exception {
        Path recorded = record();    // the backend is closed once recorded
        try (Cli cli = Cli.start("-p", "0", "-S", recorded.toString())) {
            HttpResponse<String> replayed = send(cli, HttpRequest.newBuilder(
                    URI.create(recordedUrl)).build());
            assertEquals(200, replayed.statusCode());
            assertEquals("hello", replayed.body());
        }
    }

    @Test void readingAFileWithoutNoServerStillEndsAfterReading() throws Exception {
        Path recorded = record();
        try (Cli cli = new Cli()) {
            assertEquals(0, cli.run("-p", "0", "-r", recorded.toString()), cli.err());
            assertTrue(cli.out().contains(": GET "), cli.out());
            assertTrue(!cli.err().contains("listening"), "no proxy without --keepserving");
        }
    }

    @Test void aMissingFileIsAnErrorNamingIt() {
        try (Cli cli = new Cli()) {
            Path missing = dir.resolve("missing.mitm");
            assertEquals(1, cli.run("-n", "-r", missing.toString()));
            assertTrue(cli.err().contains("mitmdump: error:") && cli.err().contains(
                    "missing.mitm"), cli.err());
        }
    }

    private String recordedUrl;

    /** Records a GET and a POST through {@code mitmdump -w}; the backend is gone afterwards. */
    private Path record() throws Exception {
        Path file = dir.resolve("recorded-" + System.nanoTime() + ".mitm");
        try (Backend backend = new Backend(); Cli cli = Cli.start("-q", "-p", "0", "-w",
                file.toString())) {
            recordedUrl = backend.url("/a");
            send(cli, HttpRequest.newBuilder(URI.create(recordedUrl)).build());
            send(cli, HttpRequest.newBuilder(URI.create(backend.url("/b")))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
        }
        assertEquals(2, FlowReader.readAll(file).size(), "both flows were saved");
        return file;
    }

    private static HttpResponse<String> send(Cli cli, HttpRequest request) throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(
                new InetSocketAddress("127.0.0.1", cli.port()))).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
