package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing and re-reading flow files: round trips, versions, damage. */
class FlowFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {17, 21})
    void ourFilesReadBackEqual(int version) throws IOException {
        List<Flow> flows = List.of(TestFlows.http(1), TestFlows.http(2),
                TestFlows.tlsWithError(), TestFlows.tcp());
        Path file = write(flows, version);
        List<Flow> back = FlowReader.readAll(file);
        assertEquals(flows.size(), back.size());
        for (int i = 0; i < flows.size(); i++) {
            assertArrayEquals(FlowWriter.encode(flows.get(i), 21),
                    FlowWriter.encode(back.get(i), 21), "flow " + i);
        }
        HttpFlow tls = (HttpFlow) back.get(2);
        assertEquals("Connection killed.", tls.error().msg());
        assertEquals("request", tls.isReplay());
        assertEquals("http://upstream:3128", tls.server().via());
        assertEquals(List.of("h2", "http/1.1"), tls.client().alpnOffers());
        assertEquals(TestFlows.T0.plusMillis(1), tls.client().timestampTlsSetup());
        HttpFlow first = (HttpFlow) back.get(0);
        assertEquals("caf\u00e9", first.request().headers().get("X-Bytes"));
        assertEquals(1L, first.metadata().get("n"));
        assertEquals(":default:", ((HttpFlow) back.get(1)).marker());
        assertEquals(3, ((TcpFlow) back.get(3)).messages().get(0).content().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dumpfile-7.mitm", "dumpfile-7-websocket.mitm", "dumpfile-10.mitm",
            "dumpfile-19.mitm", "flows_successful_log.mitm", "flows_websocket.mitm"})
    void fixturesSurviveAWriteReadCycle(String name) throws IOException {
        List<Flow> flows = FlowReader.readAll(Fixtures.path(name));
        for (int version : new int[] {17, 21}) {
            List<Flow> back = FlowReader.readAll(write(flows, version));
            if (version == 17) {
                // mitmproxy 8.1's format has no proxy mode and no transport protocol
                flows.forEach(f -> f.client().proxyMode("regular"));
                flows.forEach(f -> f.client().transportProtocol("tcp"));
                flows.forEach(f -> f.server().transportProtocol("tcp"));
            }
            for (int i = 0; i < flows.size(); i++) {
                assertArrayEquals(FlowWriter.encode(flows.get(i), 21),
                        FlowWriter.encode(back.get(i), 21), name + " flow " + i);
            }
        }
    }

    @Test
    void aTruncatedLastRecordIsAWarningAndKeepsTheRest() throws IOException {
        Path file = write(List.of(TestFlows.http(1), TestFlows.http(2), TestFlows.http(3)), 21);
        byte[] all = Files.readAllBytes(file);
        long cut = all.length - 10;
        Files.write(file, Arrays.copyOf(all, (int) cut));
        try (FlowReader r = FlowReader.open(file)) {
            assertEquals(2, r.readAll().size());
            assertEquals(1, r.warnings().size());
            long third = FlowWriter.encode(TestFlows.http(1), 21).length
                    + FlowWriter.encode(TestFlows.http(2), 21).length;
            assertTrue(r.warnings().get(0).contains("at byte offset " + third),
                    r.warnings().get(0));
        }
    }

    @Test
    void aCorruptMiddleRecordIsAnErrorNamingItsOffset() throws IOException {
        byte[] first = FlowWriter.encode(TestFlows.http(1), 21);
        byte[] second = FlowWriter.encode(TestFlows.http(2), 21);
        second[second.length - 1] = '?';
        Path file = dir.resolve("corrupt.mitm");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(first);
            out.write(second);
            out.write(FlowWriter.encode(TestFlows.http(3), 21));
        }
        try (FlowReader r = FlowReader.open(file)) {
            r.read();
            FlowFileException e = assertThrows(FlowFileException.class, r::read);
            assertEquals(first.length + second.length - 1, e.offset());
            assertTrue(e.getMessage().contains("unknown type tag 0x3f"), e.getMessage());
        }
    }

    @Test
    void aRecordThatIsNotAFlowIsAnErrorNamingItsOffset() throws IOException {
        Path file = dir.resolve("notflow.mitm");
        byte[] first = FlowWriter.encode(TestFlows.http(1), 21);
        byte[] bad = "15:7:version;2:21#}".getBytes();
        Files.write(file, concat(first, bad));
        FlowFileException e = assertThrows(FlowFileException.class,
                () -> FlowReader.readAll(file));
        assertEquals(first.length, e.offset());
        assertTrue(e.getMessage().contains("flow.type is missing"), e.getMessage());
    }

    @Test
    void aRecordedHeaderThatWouldBreakTheHeadIsAnErrorNamingTheFieldNotTheValue()
            throws IOException {
        HttpFlow flow = TestFlows.http(1);
        flow.request().headers().add("X-A", "v__Injected");
        byte[] record = FlowWriter.encode(flow, 21);
        String text = new String(record, StandardCharsets.ISO_8859_1);
        byte[] bad = text.replace("v__Injected", "v\r\nInjected")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("injected.mitm");
        Files.write(file, bad);
        FlowFileException e = assertThrows(FlowFileException.class,
                () -> FlowReader.readAll(file));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("header value of X-A holds CR"), e.getMessage());
        assertFalse(e.getMessage().contains("Injected"), e.getMessage());
    }

    @Test
    void newerVersionsAreRefusedClearly() throws IOException {
        Path file = dir.resolve("future.mitm");
        Files.write(file, "15:7:version;2:99#}".getBytes());
        FlowFileException e = assertThrows(FlowFileException.class,
                () -> FlowReader.readAll(file));
        assertTrue(e.getMessage().contains("version 99 is newer"), e.getMessage());
    }

    @Test
    void appendingAddsToAnExistingFile() throws IOException {
        Path file = write(List.of(TestFlows.http(1)), 21);
        try (FlowWriter w = FlowWriter.open(file, true, 21)) {
            w.add(TestFlows.tcp());
        }
        assertEquals(2, FlowReader.readAll(file).size());
        assertThrows(IllegalArgumentException.class, () -> new FlowWriter(OutputStream.nullOutputStream(), 18));
    }

    @Test
    void streamingReadsLazily() throws IOException {
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flows.add(TestFlows.http(i));
        }
        try (FlowReader r = FlowReader.open(write(flows, 21))) {
            assertEquals(List.of("comment 0", "comment 1"),
                    r.stream().limit(2).map(Flow::comment).toList());
            assertEquals("comment 2", r.read().comment());
        }
    }

    private Path write(List<Flow> flows, int version) throws IOException {
        Path file = Files.createTempFile(dir, "flows", ".mitm");
        try (FlowWriter w = FlowWriter.open(file, false, version)) {
            for (Flow f : flows) {
                w.add(f);
            }
        }
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
