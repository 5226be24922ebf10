package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.FlowMaster;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record through a real proxy into a flow file (save_stream_file), stop the upstream, and
 * replay offline (server_replay): identical responses, no upstream connection.
 */
class RecordReplayTest {
    @TempDir
    Path dir;

    @Test
    void recordThenReplayOffline() throws Exception {
        Path file = dir.resolve("recorded.mitm");
        String url;
        String host;
        String first;
        String second;
        try (LoopbackUpstream upstream = new LoopbackUpstream()) {
            host = "127.0.0.1:" + upstream.port();
            url = "http://" + host + "/greeting";
            Options record = Options.builder().set("listen_host", "127.0.0.1")
                    .set("listen_port", "0").set("save_stream_file", file.toString()).build();
            try (ProxyServer proxy = ProxyServer.builder().options(record)
                    .addon(new SaveStream()).build().start()) {
                first = LoopbackUpstream.get(proxy.port(), url, host);
                second = LoopbackUpstream.get(proxy.port(), url + "?n=2", host);
            }
            assertEquals(2, upstream.connections());
        }
        assertTrue(first.endsWith("hello 1"), first);
        List<Flow> saved = FlowReader.readAll(file);
        assertEquals(2, saved.size());
        assertEquals(200, ((HttpFlow) saved.get(0)).response().statusCode());

        Options replay = Options.builder().set("listen_host", "127.0.0.1")
                .set("listen_port", "0").set("server_replay", file.toString())
                .set("server_replay_refresh", "false").build();
        try (ProxyServer proxy = ProxyServer.builder().options(replay)
                .addon(new ServerPlayback()).build().start()) {
            assertEquals(body(first), body(LoopbackUpstream.get(proxy.port(), url, host)));
            assertEquals(body(second),
                    body(LoopbackUpstream.get(proxy.port(), url + "?n=2", host)));
        }
    }

    /**
     * The FlowMaster API end to end: run 1 records through the proxy into a file; run 2 replays
     * the file's requests through a new proxy's addons (which change them, and save the replays);
     * run 3, with the origin gone, answers the same replayed requests from the recording.
     */
    @Test
    void recordThenReplayThroughTheFlowMasterApi() throws Exception {
        Path recorded = dir.resolve("run1.mitm");
        Path replays = dir.resolve("run2.mitm");
        try (LoopbackUpstream upstream = new LoopbackUpstream()) {
            String host = "127.0.0.1:" + upstream.port();
            try (ProxyServer proxy = server(Options.builder().set("listen_port", "0")
                    .set("save_stream_file", recorded.toString()).build(), new SaveStream())) {
                LoopbackUpstream.get(proxy.port(), "http://" + host + "/one", host);
                LoopbackUpstream.get(proxy.port(), "http://" + host + "/two", host);
            }
            List<Flow> flows = FlowReader.readAll(recorded);
            Addon tag = Addon.onRequest("tag", f -> f.request().headers().set("X-Run", "2"));
            try (ProxyServer proxy = server(Options.builder().set("server", "false")
                    .set("save_stream_file", replays.toString()).build(), tag,
                    new SaveStream())) {
                List<HttpFlow> out = proxy.master().replayClient(flows).get();
                assertEquals(List.of("hello 3", "hello 4"),
                        out.stream().map(f -> f.response().text()).toList());
                assertEquals("2", out.get(0).request().headers().get("X-Run"));
            }
            assertEquals(4, upstream.connections());
        }
        List<Flow> saved = FlowReader.readAll(replays);
        assertEquals(2, saved.size());
        assertEquals("request", saved.get(0).isReplay());
        assertEquals("2", ((HttpFlow) saved.get(1)).request().headers().get("X-Run"));

        try (ProxyServer offline = server(Options.builder().set("server", "false")
                .set("server_replay_refresh", "false").build(), new ServerPlayback())) {
            FlowMaster master = offline.master();
            master.replayServer(FlowReader.readAll(recorded));
            assertEquals(2, master.serverReplayCount());
            List<HttpFlow> out = master.replayClient(FlowReader.readAll(recorded)).get();
            assertEquals(List.of("hello 1", "hello 2"),
                    out.stream().map(f -> f.response().text()).toList());
            assertEquals("response", out.get(0).isReplay(), "answered by server replay");
            assertEquals(0, master.serverReplayCount());
            master.replayServer(saved);
            master.stopServerReplay();
            assertEquals(0, master.serverReplayCount());
        }
    }

    private static ProxyServer server(Options options, Addon... addons) {
        return ProxyServer.builder().options(options).addons(List.of(addons)).build().start();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
