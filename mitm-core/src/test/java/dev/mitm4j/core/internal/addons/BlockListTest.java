package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.http.HttpFlow;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockListTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void answersWithTheStatusAndNoUpstreamConnection() throws Exception {
        try (Harness h = Harness.start(Options.builder().blockList(":~d example.com:404"))) {
            HttpResponse<String> r = h.get("http://example.com/tracker.js");
            assertEquals(404, r.statusCode());
            assertEquals("", r.body());
            assertEquals("mitm4j", r.headers().firstValue("server").orElseThrow());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void status444HangsUpWithoutAResponse() throws Exception {
        List<HttpFlow> errors = new CopyOnWriteArrayList<>();
        Addon recorder = new Addon() {
            @Override
            public void error(HttpFlow flow) {
                errors.add(flow);
            }
        };
        try (Harness h = Harness.start(Options.builder().blockList(":~d example.com$:444"),
                recorder)) {
            assertEquals("", h.raw(Harness.rawGet("http://example.com/")));
            server.enqueue(new MockResponse.Builder().body("ok").build());
            String served = h.raw(Harness.rawGet(Harness.url(server, "/ok")));
            assertTrue(served.startsWith("HTTP/1.1 200"), served);
        }
        assertEquals(1, errors.size());
        assertEquals("Connection killed.", errors.get(0).error().msg());
        assertEquals(true, errors.get(0).metadata().get("blocklisted"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aNegatedFilterAllowsOnlyOneHost() throws Exception {
        server.enqueue(new MockResponse.Builder().body("allowed").build());
        try (Harness h = Harness.start(Options.builder().blockList(":!~d ^127\\.0\\.0\\.1$:403"))) {
            assertEquals(403, h.get("http://example.com/").statusCode());
            assertEquals("allowed", h.get(Harness.url(server, "/")).body());
        }
    }

    @Test
    void theFirstMatchingSpecWinsAndBlockingComesBeforeMapRemote() throws Exception {
        Options.Builder options = Options.builder()
                .blockList(":~u /blocked:410", ":~u /blocked:404")
                .mapRemote("|//example.org/|//127.0.0.1:" + server.getPort() + "/");
        server.enqueue(new MockResponse.Builder().body("mapped").build());
        try (Harness h = Harness.start(options)) {
            assertEquals(410, h.get("http://example.org/blocked").statusCode());
            assertEquals("mapped", h.get("http://example.org/open").body());
        }
        assertEquals(1, server.getRequestCount());
        assertEquals("/open", Harness.take(server).getTarget());
    }

    @Test
    void theCliFormViaOptionsAdd() throws Exception {
        Options.Builder options = Options.builder().add("block_list", "/~d example.com/418");
        try (Harness h = Harness.start(options)) {
            assertEquals(418, h.get("http://example.com/").statusCode());
        }
    }
}
