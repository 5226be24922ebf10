package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.core.Options;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save_stream_file with "+" and a filter, hardump (and .zhar), rfile with readfile_filter. */
class FileAddonsTest {
    @TempDir
    Path dir;

    @Test
    void saveStreamAppendsWithPlusAndHonoursTheFilter() throws Exception {
        Path file = dir.resolve("s.mitm");
        SaveStream save = new SaveStream();
        save.configure(opts("save_stream_file", file.toString()));
        save.response(TestFlows.http(1));
        save.tcpEnd(TestFlows.tcp());
        save.done();
        assertEquals(2, FlowReader.readAll(file).size(), "each ended flow, readable at once");
        SaveStream more = new SaveStream();
        more.configure(Options.builder().set("save_stream_file", "+" + file)
                .set("save_stream_filter", "~c 201").build());
        HttpFlow failed = TestFlows.tlsWithError();
        more.error(failed);
        more.response(TestFlows.http(2));
        more.done();
        List<Flow> all = FlowReader.readAll(file);
        assertEquals(3, all.size(), "appended, and the error flow filtered out");
        assertEquals("comment 2", all.get(2).comment());
    }

    @Test
    void flowFormatVersionChoosesMitmproxy8sFormat() throws Exception {
        Path file = dir.resolve("v17.mitm");
        SaveStream save = new SaveStream();
        save.configure(Options.builder().set("save_stream_file", file.toString())
                .set("flow_format_version", "17").build());
        save.response(TestFlows.http(1));
        save.done();
        String head = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets
                .ISO_8859_1);
        assertTrue(head.contains("7:version;2:17#"), head.substring(0, 80));
        assertEquals(1, FlowReader.readAll(file).size());
    }

    @Test
    void hardumpWritesAllEndedFlowsWhenDone() throws Exception {
        for (String name : List.of("d.har", "d.zhar")) {
            Path file = dir.resolve(name);
            HarDump dump = new HarDump();
            dump.configure(opts("hardump", file.toString()));
            dump.response(TestFlows.http(1));
            dump.error(TestFlows.tlsWithError());
            dump.done();
            try (InputStream in = name.endsWith(".zhar")
                    ? new InflaterInputStream(Files.newInputStream(file))
                    : Files.newInputStream(file)) {
                assertEquals(2, new ObjectMapper().readTree(in).get("log").get("entries")
                        .size(), name);
            }
        }
    }

    @Test
    void rfileStreamsTheMatchingFlows() throws Exception {
        Path file = dir.resolve("r.mitm");
        try (FlowWriter w = FlowWriter.open(file, false, 21)) {
            w.add(TestFlows.http(1));
            w.add(TestFlows.tcp());
            w.add(TestFlows.tlsWithError());
        }
        List<Flow> got = new java.util.ArrayList<>();
        long n = ReadFile.read(Options.builder().set("rfile", file.toString())
                .set("readfile_filter", "~http & ~m POST").build(), got::add);
        assertEquals(2, n);
        assertTrue(got.stream().allMatch(f -> f instanceof HttpFlow));
        assertEquals(3, ReadFile.readAll(file.toString(), null).size());
        assertEquals(0, ReadFile.read(Options.defaults(), got::add));
    }

    private static Options opts(String name, String value) {
        return Options.builder().set(name, value).build();
    }
}
