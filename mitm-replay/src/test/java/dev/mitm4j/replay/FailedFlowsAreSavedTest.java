package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.MisbehavingOrigin.Fault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flow that fails after its response head arrived (reset, bad chunking, short or stalled
 * body) is saved by {@code save_stream_file} and {@code hardump} with that head and its error,
 * as mitmproxy saves it: through the real proxy, buffered and streamed.
 */
class FailedFlowsAreSavedTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBufferedResponseThatFailsMidBodyIsSavedWithItsHeadAndError(Fault fault)
            throws Exception {
        runThroughProxy(fault, Options.builder());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RESET_MID_BODY", "SHORT_BODY"})
    void aStreamedResponseThatFailsMidBodyIsSavedWithItsHeadAndError(Fault fault)
            throws Exception {
        runThroughProxy(fault, Options.builder().set("stream_large_bodies", "10"));
    }

    private void runThroughProxy(Fault fault, Options.Builder options) throws Exception {
        Path mitm = dir.resolve("flows.mitm");
        Path har = dir.resolve("flows.har");
        String answer;
        try (MisbehavingOrigin origin = new MisbehavingOrigin(fault);
                ProxyServer proxy = ProxyServer.builder().options(options
                        .set("listen_port", "0").set("tcp_timeout", "1")
                        .set("save_stream_file", mitm.toString())
                        .set("hardump", har.toString()).build())
                        .addon(new SaveStream()).addon(new HarDump()).build().start()) {
            answer = LoopbackUpstream.get(proxy.port(), origin.url("/fails"),
                    origin.hostHeader());
        }
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 502 ")
                || answer.startsWith("HTTP/1.1 200 "), answer);

        List<Flow> saved = FlowReader.readAll(mitm);
        assertEquals(1, saved.size(), "the failed flow is in the flow file");
        HttpFlow flow = (HttpFlow) saved.get(0);
        assertTrue(flow.request().url().endsWith("/fails"), flow.request().url());
        assertNotNull(flow.response(), "the response head that arrived is kept");
        assertEquals(200, flow.response().statusCode());
        assertNotNull(flow.error(), "and the error that ended the flow");

        JsonNode entries = new ObjectMapper().readTree(har.toFile()).get("log").get("entries");
        assertEquals(1, entries.size(), "the failed flow is in the HAR file, once");
        assertEquals(200, entries.get(0).get("response").get("status").asInt());
        assertNull(entries.get(1));
    }
}
