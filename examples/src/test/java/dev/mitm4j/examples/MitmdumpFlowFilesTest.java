package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Duration;
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

    @Test void clientReplayGoesThroughTheProxyAndEndsByItself() throws Exception {
        Path replays = dir.resolve("replays.mitm");
        try (Backend backend = new Backend()) {
            Path recorded = record(backend);
            try (Cli cli = Cli.start("-p", "0", "-C", recorded.toString(), "-w",
                    replays.toString(), "--set", "modify_headers=/~q/X-Replay/yes")) {
                assertTrue(cli.err().contains("listening at"), cli.err());
                assertTrue(cli.proxy().endsWhenIdle());
                assertTrue(cli.proxy().awaitClose(Duration.ofSeconds(20)),
                        "mitmdump ends once the replay is done");
                assertTrue(cli.out().contains("[replay]: POST " + backend.url("/b")), cli.out());
            }
            assertEquals(List.of("yes", "yes"), backend.requests().subList(2, 4).stream()
                    .map(h -> h.get("X-replay").get(0)).toList(), "modify_headers ran");
        }
        List<Flow> saved = FlowReader.readAll(replays);
        assertEquals(2, saved.size(), "-w saved the replayed flows");
        assertEquals("request", saved.get(0).isReplay());
        assertEquals("GET", ((HttpFlow) saved.get(0)).request().method(), "file order");
    }

    @Test void clientReplayWithKeepservingStaysUp() throws Exception {
        try (Backend backend = new Backend()) {
            Path recorded = record(backend);
            try (Cli cli = Cli.start("-p", "0", "--keepserving", "-C", recorded.toString())) {
                assertFalse(cli.proxy().endsWhenIdle());
                cli.awaitOut(out -> out.contains(": POST "));
                while (cli.proxy().master().clientReplayCount() > 0) {
                    Thread.sleep(10);
                }
                HttpResponse<String> later = send(cli, HttpRequest.newBuilder(
                        URI.create(backend.url("/later"))).build());
                assertEquals("hello", later.body(), "still serving after the replay");
            }
            assertEquals(5, backend.requests().size());
        }
    }

    @Test void clientReplayWithoutAServerStillRunsThroughTheAddons() throws Exception {
        try (Backend backend = new Backend()) {
            Path recorded = record(backend);
            try (Cli cli = new Cli()) {
                assertEquals(0, cli.run("-n", "-C", recorded.toString()), cli.err());
                assertFalse(cli.err().contains("listening"), cli.err());
                assertTrue(cli.out().contains("[replay]: GET " + backend.url("/a")), cli.out());
                assertTrue(cli.out().contains("<< 200 OK 5b"), cli.out());
            }
            assertEquals(4, backend.requests().size());
        }
    }

    @Test void serverReplayAloneEndsOnceEveryRecordedResponseWasServed() throws Exception {
        Path recorded = record();
        try (Cli cli = Cli.start("-p", "0", "-S", recorded.toString())) {
            assertTrue(cli.proxy().endsWhenIdle());
            assertEquals("hello", send(cli, HttpRequest.newBuilder(URI.create(recordedUrl))
                    .build()).body());
            assertEquals(1, cli.proxy().master().serverReplayCount(), "one left: still up");
            send(cli, HttpRequest.newBuilder(URI.create(recordedUrl.replace("/a", "/b")))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
            assertTrue(cli.proxy().awaitClose(Duration.ofSeconds(20)));
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
        try (Cli cli = new Cli()) {
            assertEquals(1, cli.run("-p", "0", "-C", dir.resolve("gone.mitm").toString()));
            assertTrue(cli.err().contains("mitmdump: error:") && cli.err().contains("gone.mitm"),
                    cli.err());
            assertFalse(cli.err().contains("listening"), "no proxy was started: " + cli.err());
        }
    }

    private String recordedUrl;

    /** Records a GET and a POST through {@code mitmdump -w}; the backend is gone afterwards. */
    private Path record() throws Exception {
        try (Backend backend = new Backend()) {
            return record(backend);
        }
    }

    /** Records a GET /a and a POST /b to {@code backend} through {@code mitmdump -w}. */
    private Path record(Backend backend) throws Exception {
        Path file = dir.resolve("recorded-" + System.nanoTime() + ".mitm");
        try (Cli cli = Cli.start("-q", "-p", "0", "-w", file.toString())) {
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
