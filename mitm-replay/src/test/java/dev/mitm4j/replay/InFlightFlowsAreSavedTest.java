package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.MisbehavingOrigin.Fault;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows still in progress when the server shuts down are saved, by {@code save_stream_file}
 * and {@code hardump}: killed when {@code shutdown_timeout} runs out, or as they are at
 * {@code done} when an addon still holds them; flows read from a file without a response are
 * saved too (mitmproxy's {@code incomplete_log.mitm}).
 */
class InFlightFlowsAreSavedTest {
    @TempDir
    Path dir;

    @Test
    void aFlowStillInProgressWhenTheShutdownTimeoutRunsOutIsSavedKilled() throws Exception {
        Path mitm = dir.resolve("flows.mitm");
        Path har = dir.resolve("flows.har");
        try (MisbehavingOrigin origin = new MisbehavingOrigin(Fault.STALLED_BODY);
                ProxyServer proxy = server(mitm, har)) {
            Socket client = send(proxy.port(), origin);
            awaitInProgress(proxy);
            proxy.close();
            client.close();
        }
        HttpFlow flow = onlyFlow(mitm);
        assertEquals(FlowError.KILLED_MESSAGE, flow.error().msg());
        assertEquals(200, flow.response().statusCode(), "the head that arrived is kept");
        assertEquals(1, harEntries(har).size());
    }

    @Test
    void aFlowAnAddonStillHoldsWhenTheServerIsDoneIsSavedAsItIs() throws Exception {
        Path mitm = dir.resolve("flows.mitm");
        Path har = dir.resolve("flows.har");
        CountDownLatch release = new CountDownLatch(1);
        Addon stuck = new Addon() {
            @Override
            public void responseHeaders(HttpFlow flow) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (MisbehavingOrigin origin = new MisbehavingOrigin(Fault.STALLED_BODY);
                ProxyServer proxy = ProxyServer.builder().options(options(mitm, har))
                        .addon(new SaveStream()).addon(new HarDump()).addon(stuck).build()
                        .start()) {
            Socket client = send(proxy.port(), origin);
            awaitInProgress(proxy);
            proxy.close();   // shutdown_timeout, kill, then the stuck thread is waited for
            release.countDown();
            client.close();
        }
        HttpFlow flow = onlyFlow(mitm);
        assertEquals(200, flow.response().statusCode());
        byte[] body = flow.response().rawContent();
        assertTrue(body == null || body.length == 0, "no body was read: saved as it was");
        assertEquals(FlowError.KILLED_MESSAGE, flow.error().msg());
        assertEquals(1, harEntries(har).size());
    }

    @Test
    void flowsReadFromAFileWithoutAResponseAreSaved() throws Exception {
        Path in = dir.resolve("incomplete_log.mitm");
        try (InputStream vector = getClass().getResourceAsStream("mitmproxy/incomplete_log.mitm")) {
            Files.copy(vector, in);
        }
        Path out = dir.resolve("out.mitm");
        SaveStream save = new SaveStream();
        save.configure(Options.builder().set("save_stream_file", out.toString()).build());
        List<Flow> read = FlowReader.readAll(in);
        read.forEach(f -> save.request((HttpFlow) f));   // how mitmdump -r hands them over
        save.done();

        List<Flow> saved = FlowReader.readAll(out);
        assertEquals(4, saved.size());
        for (int i = 0; i < 4; i++) {
            HttpFlow before = (HttpFlow) read.get(i);
            HttpFlow after = (HttpFlow) saved.get(i);
            assertEquals(before.id(), after.id(), "in file order");
            assertEquals(before.request().url(), after.request().url());
            assertNull(after.response());
            assertNull(after.error());
        }
    }

    private static Options options(Path mitm, Path har) {
        return Options.builder().set("listen_port", "0").set("shutdown_timeout", "1")
                .set("save_stream_file", mitm.toString()).set("hardump", har.toString())
                .build();
    }

    private static ProxyServer server(Path mitm, Path har) {
        return ProxyServer.builder().options(options(mitm, har)).addon(new SaveStream())
                .addon(new HarDump()).build().start();
    }

    private static Socket send(int proxyPort, MisbehavingOrigin origin) throws Exception {
        Socket s = new Socket("127.0.0.1", proxyPort);
        s.getOutputStream().write(("GET " + origin.url("/stalls") + " HTTP/1.1\r\nHost: "
                + origin.hostHeader() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** Waits (bounded) until the response head arrived: the flow has a response. */
    private static void awaitInProgress(ProxyServer proxy) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (proxy.master().flows().stream()
                .noneMatch(f -> f instanceof HttpFlow h && h.response() != null)) {
            assertTrue(System.nanoTime() < deadline, "the response head never arrived");
            Thread.sleep(10);
        }
    }

    private static HttpFlow onlyFlow(Path mitm) throws Exception {
        List<Flow> saved = FlowReader.readAll(mitm);
        assertEquals(1, saved.size(), "the flow in progress is in the flow file");
        HttpFlow flow = (HttpFlow) saved.get(0);
        assertTrue(flow.request().url().endsWith("/stalls"), flow.request().url());
        return flow;
    }

    private static JsonNode harEntries(Path har) throws Exception {
        return new ObjectMapper().readTree(har.toFile()).get("log").get("entries");
    }
}
