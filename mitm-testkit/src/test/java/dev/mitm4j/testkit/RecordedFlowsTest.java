package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.FlowReader;
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
}
