package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mitmdump -n -r IN -w OUT} keeps flows that have neither a response nor an error, as
 * mitmproxy does: its own {@code incomplete_log.mitm} (4 flows still in flight when it was
 * saved) goes through whole and in order.
 */
class MitmdumpIncompleteFlowsTest {
    /** mitmproxy's test vector, checked in with mitm-replay's tests (see the README there). */
    private static final Path INCOMPLETE = Path.of("..", "mitm-replay", "src", "test",
            "resources", "dev", "mitm4j", "replay", "mitmproxy", "incomplete_log.mitm");

    @TempDir Path dir;

    @Test void readingAndWritingWithoutAProxyKeepsFlowsWithoutAResponse() throws Exception {
        assertTrue(Files.isRegularFile(INCOMPLETE), INCOMPLETE.toAbsolutePath().toString());
        Path out = dir.resolve("out.mitm");
        try (Cli cli = new Cli()) {
            assertEquals(0, cli.run("-n", "-r", INCOMPLETE.toString(), "-w", out.toString()),
                    cli.err());
        }
        List<Flow> in = FlowReader.readAll(INCOMPLETE);
        List<Flow> kept = FlowReader.readAll(out);
        assertEquals(4, kept.size(), "all 4 flows round-trip");
        for (int i = 0; i < in.size(); i++) {
            HttpFlow before = (HttpFlow) in.get(i);
            HttpFlow after = (HttpFlow) kept.get(i);
            assertEquals(before.id(), after.id(), "in file order");
            assertEquals(before.request().method(), after.request().method());
            assertEquals(before.request().url(), after.request().url());
            assertNull(after.response());
            assertNull(after.error());
        }
    }
}
