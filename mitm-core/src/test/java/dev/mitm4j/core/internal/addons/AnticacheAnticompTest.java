package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mitm4j.core.Options;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnticacheAnticompTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
        server.enqueue(new MockResponse.Builder().body("full").build());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anticacheRemovesConditionalHeaders() throws Exception {
        try (Harness h = Harness.start(Options.builder().anticache(true))) {
            assertEquals("full", h.get(Harness.url(server, "/"), "If-None-Match", "\"e1\"",
                    "If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT", "X-Keep", "1").body());
        }
        RecordedRequest r = Harness.take(server);
        assertNull(r.getHeaders().get("If-None-Match"));
        assertNull(r.getHeaders().get("If-Modified-Since"));
        assertEquals("1", r.getHeaders().get("X-Keep"));
    }

    @Test
    void anticompAsksForIdentity() throws Exception {
        try (Harness h = Harness.start(Options.builder().set("anticomp", "true"))) {
            h.get(Harness.url(server, "/"), "Accept-Encoding", "gzip, br");
        }
        assertEquals("identity", Harness.take(server).getHeaders().get("Accept-Encoding"));
    }

    @Test
    void bothAreOffByDefault() throws Exception {
        try (Harness h = Harness.start(Options.builder())) {
            h.get(Harness.url(server, "/"), "If-None-Match", "\"e1\"", "Accept-Encoding", "br");
        }
        RecordedRequest r = Harness.take(server);
        assertEquals("\"e1\"", r.getHeaders().get("If-None-Match"));
        assertEquals("br", r.getHeaders().get("Accept-Encoding"));
    }
}
