package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.Options;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MapRemoteTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
        server.enqueue(new MockResponse.Builder().body("from loopback").build());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void reroutesGetRequestsToAnotherServerBeforeConnecting() throws Exception {
        String to = "//127.0.0.1:" + server.getPort() + "/";
        try (Harness h = Harness.start(Options.builder().mapRemote("|~m GET|//example.org/|" + to))) {
            assertEquals("from loopback", h.get("http://example.org/page?q=1").body());
            assertEquals(Harness.GUARD_STATUS,
                    h.send("POST", "http://example.org/page", "x").statusCode());
        }
        RecordedRequest r = Harness.take(server);
        assertEquals("/page?q=1", r.getTarget());
        assertEquals("127.0.0.1:" + server.getPort(), r.getHeaders().get("Host"));
    }

    @Test
    void aWholeUrlReplacementWithGroups() throws Exception {
        String spec = "|^http://example\\.com/img/(\\w+)\\.jpg$|http://127.0.0.1:"
                + server.getPort() + "/dogs/\\1?random";
        try (Harness h = Harness.start(Options.builder().mapRemote(spec))) {
            assertEquals("from loopback", h.get("http://example.com/img/cat.jpg").body());
        }
        assertEquals("/dogs/cat?random", Harness.take(server).getTarget());
    }

    @Test
    void unmatchedUrlsAreLeftAlone() throws Exception {
        try (Harness h = Harness.start(Options.builder().mapRemote("|nomatch|http://x/"))) {
            assertEquals("from loopback", h.get(Harness.url(server, "/same")).body());
        }
        assertEquals("/same", Harness.take(server).getTarget());
    }
}
