package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
