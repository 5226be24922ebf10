package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.http.HttpFlow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded requests are sent again to a loopback server; copies carry the new responses. */
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
