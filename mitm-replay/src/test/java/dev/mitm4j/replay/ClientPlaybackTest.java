package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded requests are sent again to a loopback server, through a proxy's addons; copies carry
 * the new responses.
 */
class ClientPlaybackTest {
    @Test
    void replaysEachRequestAndMarksTheCopies() throws Exception {
        try (LoopbackUpstream upstream = new LoopbackUpstream()) {
            String url = "http://127.0.0.1:" + upstream.port() + "/x";
            HttpFlow a = ServerPlaybackTest.recorded("GET", url, "", 500, "old");
            HttpFlow b = ServerPlaybackTest.recorded("POST", url, "body", 500, "old");
            for (int concurrency : new int[] {1, -1}) {
                List<HttpFlow> out = ClientPlayback.replay(List.of(a, b), concurrency);
                assertEquals(2, out.size());
                for (HttpFlow f : out) {
                    assertNull(f.error());
                    assertEquals(200, f.response().statusCode());
                    assertEquals("request", f.isReplay());
                    assertEquals(true, new String(f.response().rawContent(),
                            StandardCharsets.US_ASCII).startsWith("hello "));
                }
            }
            assertEquals(4, upstream.connections());
            assertEquals(500, a.response().statusCode(), "the originals are untouched");
        }
    }

    @Test
    void startReplaysTheClientReplayFilesInOrderThroughTheProxy(@TempDir Path dir)
            throws Exception {
        try (LoopbackUpstream upstream = new LoopbackUpstream()) {
            String url = "http://127.0.0.1:" + upstream.port();
            Path first = dir.resolve("first.mitm");
            Path second = dir.resolve("second.mitm");
            try (FlowWriter w = FlowWriter.open(first, false, FlowWriter.CURRENT_VERSION)) {
                w.add(ServerPlaybackTest.recorded("GET", url + "/1", "", 200, "x"));
                w.add(ServerPlaybackTest.recorded("GET", url + "/2", "", 200, "x"));
            }
            try (FlowWriter w = FlowWriter.open(second, false, FlowWriter.CURRENT_VERSION)) {
                w.add(ServerPlaybackTest.recorded("GET", url + "/3", "", 200, "x"));
            }
            List<String> seen = new CopyOnWriteArrayList<>();
            Options options = Options.builder().set("server", "false")
                    .add("client_replay", first.toString())
                    .add("client_replay", second.toString()).build();
            try (ProxyServer proxy = ProxyServer.builder().options(options)
                    .addon(Addon.onRequest("seen", f -> seen.add(f.request().path())))
                    .build().start()) {
                List<HttpFlow> out = ClientPlayback.start(proxy.master()).get();
                assertEquals(List.of("hello 1", "hello 2", "hello 3"),
                        out.stream().map(f -> f.response().text()).toList());
            }
            assertEquals(List.of("/1", "/2", "/3"), seen);
        }
    }

    @Test
    void anUnreachableServerBecomesTheFlowsError() throws Exception {
        int port;
        try (LoopbackUpstream closed = new LoopbackUpstream()) {
            port = closed.port();
        }
        HttpFlow f = ServerPlaybackTest.recorded("GET", "http://127.0.0.1:" + port + "/", "",
                200, "x");
        HttpFlow out = ClientPlayback.replay(List.of(f), 1).get(0);
        assertNotNull(out.error());
        assertNull(out.response());
        assertThrows(IllegalArgumentException.class, () -> ClientPlayback.replay(List.of(), 2));
    }
}
