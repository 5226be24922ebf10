package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
import dev.mitm4j.replay.FlowWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ring itself, fed by a real proxy (flows come from real traffic, never hand-made). */
@WithMitmProxy(maxFlows = 3)
class RecordedFlowsTest {

    @Test
    void matchingUsesFilterExpressionsAndClearForgetsEvictions(MitmProxy proxy,
            RecordedFlows flows) throws Exception {
        flows.clear();
        try (Upstream upstream = new Upstream()) {
            for (String path : List.of("/1", "/2", "/3", "/4")) {
                upstream.get(proxy, path);
            }
        }
        flows.await("~u /4", Duration.ofSeconds(5));
        assertEquals(1, flows.evicted());
        assertEquals(List.of("/2", "/3", "/4"),
                flows.all().stream().map(f -> f.request().path()).toList());
        assertEquals(1, flows.matching("~u /3").size());
        assertEquals("/4", flows.last().request().path());

        flows.clear();
        assertEquals(0, flows.evicted());
        flows.assertNone("~u /3");
        AssertionError empty = assertThrows(AssertionError.class, flows::last);
        assertTrue(empty.getMessage().contains("(none)"), empty.getMessage());
    }

    @Test
    void awaitReturnsTheFirstMatchAndSavedFlowsReadBack(MitmProxy proxy, RecordedFlows flows,
            @TempDir Path dir) throws Exception {
        flows.clear();
        try (Upstream upstream = new Upstream()) {
            upstream.get(proxy, "/same");
            upstream.get(proxy, "/same");
        }
        HttpFlow first = flows.await("~u /same", Duration.ofSeconds(5));
        assertEquals(2, flows.matching("~u /same").size());
        assertSame(flows.all().get(0), first);

        Path file = dir.resolve("flows.mitm");
        flows.save(file);
        List<Flow> read = FlowReader.readAll(file);
        assertEquals(flows.all().size(), read.size());
        assertEquals("/same", ((HttpFlow) read.get(0)).request().path());
    }

    @Test
    void savesInTheFormatVersionAskedWhichMitmproxyReads(MitmProxy proxy, RecordedFlows flows,
            @TempDir Path dir) throws Exception {
        try (Upstream upstream = new Upstream()) {
            upstream.get(proxy, "/saved");
        }
        flows.await("~u /saved", Duration.ofSeconds(5));
        Path v17 = dir.resolve("v17.mitm");
        Path v21 = dir.resolve("v21.mitm");

        flows.save(v17, FlowWriter.MITMPROXY_8_VERSION);
        flows.save(v21);

        assertTrue(latin1(v17).contains("7:version;2:17#"), latin1(v17));
        assertTrue(latin1(v21).contains("7:version;2:21#"), latin1(v21));
        assertEquals("/saved", ((HttpFlow) FlowReader.readAll(v17).get(0)).request().path());
        String printed = Mitmdump.read(v17, dir);
        assertTrue(printed.contains("GET " + flows.last().request().url()), printed);
    }

    @Test
    void anUnsupportedFormatVersionIsRefusedNamingTheAcceptedOnes(RecordedFlows flows,
            @TempDir Path dir) {
        Path file = dir.resolve("v5.mitm");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flows.save(file, 5));

        assertEquals("flow format version 5 cannot be written; the accepted versions are 21"
                + " (read by mitmproxy 10.2 and later, the default) and 17 (read by mitmproxy 8.1"
                + " and later)", e.getMessage());
        assertFalse(Files.exists(file));
    }

    private static String latin1(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
