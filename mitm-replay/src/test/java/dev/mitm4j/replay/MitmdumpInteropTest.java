package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mitm4j.core.Streaming;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files we write at version 17 are read by Debian 12's mitmproxy 8.1 ({@code mitmdump -n -r}).
 * A missing mitmdump fails the test with how to install it (.ci/run installs it), as the tests
 * that drive curl and openssl need those tools.
 */
class MitmdumpInteropTest {
    private static Path mitmdump;

    @TempDir
    Path dir;

    @BeforeAll
    static void findMitmdump() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(p, "mitmdump");
            if (Files.isExecutable(candidate)) {
                mitmdump = candidate;
                return;
            }
        }
        String why = "mitmdump not found on PATH; install it with 'apt-get install -y mitmproxy'"
                + " (Debian 12: mitmproxy 8.1, flow format 17)";
        fail(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dumpfile-7.mitm", "dumpfile-7-websocket.mitm"})
    void mitmdumpPrintsTheSameFlowsFromOurRewriteAsFromTheOriginal(String name)
            throws Exception {
        Path original = Fixtures.path(name);
        Path ours = write(FlowReader.readAll(original));
        String expected = run(original);
        assertTrue(expected.contains("GET http://e"), expected);
        assertEquals(expected, run(ours));
    }

    @Test
    void mitmdumpReadsNewerFixturesDowngradedTo17() throws Exception {
        List<Flow> flows = new java.util.ArrayList<>();
        for (String name : List.of("flows_successful_log.mitm", "dumpfile-19.mitm",
                "flows_websocket.mitm")) {
            flows.addAll(FlowReader.readAll(Fixtures.path(name)));
        }
        String out = run(write(flows)); // one file: one mitmdump start
        for (Flow f : flows) {
            HttpFlow h = (HttpFlow) f;
            String url = h.request().url(); // mitmdump shortens long URLs with an ellipsis
            assertTrue(out.contains(h.request().method() + " "
                    + url.substring(0, Math.min(url.length(), 50))), url + " missing in\n" + out);
        }
        assertTrue(out.contains("WebSocket text message"), out);
    }

    @Test
    void mitmdumpReadsOurOwnFlowsIncludingTcpAndErrors() throws Exception {
        String out = run(write(List.of(TestFlows.http(1), TestFlows.tlsWithError(),
                TestFlows.tcp())));
        assertTrue(out.contains("POST http://example.com:8080/items/1?q=a%20b"), out);
        assertTrue(out.contains("<< 201 Created"), out);
        assertTrue(out.contains("Connection killed"), out);
    }

    @Test
    void mitmdumpReadsFlowsWhoseBodiesWereStreamedAndNotKept() throws Exception {
        HttpFlow flow = TestFlows.http(3);
        flow.response().rawContent(null);
        flow.metadata().put(Streaming.NOT_KEPT, List.of("response"));
        Path file = write(List.of(flow));
        HttpFlow back = (HttpFlow) FlowReader.readAll(file).getFirst();
        assertNull(back.response().rawContent(), "still not kept, not an empty body");
        assertEquals(List.of("response"), back.metadata().get(Streaming.NOT_KEPT));
        String out = run(file, "--flow-detail", "3");
        assertTrue(out.contains("POST http://example.com:8080/items/3"), out);
        assertTrue(out.contains("<< 201 Created"), out);
        assertTrue(out.contains("(content missing)"), out);
    }

    @Test
    void http2FlowsWithTrailersAreReadAsHttp2AtBothVersions() throws Exception {
        HttpFlow flow = TestFlows.http(4);
        flow.request().httpVersion("HTTP/2.0");
        flow.request().authority("example.com:8080");
        flow.request().headers().remove("Host");
        flow.request().trailers(Headers.of("x-request-checksum", "r1"));
        flow.response().httpVersion("HTTP/2.0");
        flow.response().reason("");
        flow.response().trailers(Headers.of("grpc-status", "0"));
        Path v21 = Files.createTempFile(dir, "v21-", ".mitm");
        try (FlowWriter w = FlowWriter.open(v21, false, 21)) {
            w.add(flow);
        }
        HttpFlow back = (HttpFlow) FlowReader.readAll(v21).getFirst();
        assertEquals("HTTP/2.0", back.request().httpVersion());
        assertEquals("HTTP/2.0", back.response().httpVersion());
        assertEquals("example.com:8080", back.request().authority());
        assertEquals("r1", back.request().trailers().get("x-request-checksum"));
        assertEquals("0", back.response().trailers().get("grpc-status"));
        // mitmproxy 8.1 reads format 17: ours at 17, and the one at 21 downgraded.
        String out = run(write(List.of(flow, back)));
        assertEquals(2, out.split("POST http://example.com:8080/items/4", -1).length - 1, out);
        assertTrue(out.contains("HTTP/2.0"), out);
        assertTrue(out.contains("<< HTTP/2.0 201"), out);
    }

    private Path write(List<Flow> flows) throws IOException {
        Path file = Files.createTempFile(dir, "v17-", ".mitm");
        try (FlowWriter w = FlowWriter.open(file, false, FlowWriter.MITMPROXY_8_VERSION)) {
            for (Flow f : flows) {
                w.add(f);
            }
        }
        return file;
    }

    /** Runs mitmdump -n -r FILE with its own confdir; returns stdout+stderr. */
    private String run(Path file, String... more) throws Exception {
        Path out = Files.createTempFile(dir, "mitmdump-", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(mitmdump.toString(), "-n",
                "-r", file.toString(), "--set", "confdir=" + dir.resolve("confdir")));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(out.toFile()).directory(dir.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mitmdump did not finish reading " + file);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("corrupted") || text.contains("Traceback"), text);
        return text;
    }
}
