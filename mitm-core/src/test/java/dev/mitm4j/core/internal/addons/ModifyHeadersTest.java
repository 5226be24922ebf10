package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModifyHeadersTest {
    private final MockWebServer server = new MockWebServer();
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void setsTheHostHeaderOfEveryRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().build());
        try (Harness h = Harness.start(Options.builder().modifyHeaders("/~q/Host/example.org"))) {
            h.get(Harness.url(server, "/"));
        }
        assertEquals(List.of("example.org"), Harness.take(server).getHeaders().values("Host"));
    }

    @Test
    void setsHostOnlyWhereThereIsNone() throws Exception {
        String spec = "/~q & !~h Host:/Host/example.org";
        try (Harness h = Harness.start(Options.builder().modifyHeaders(spec))) {
            server.enqueue(new MockResponse.Builder().build());
            h.get(Harness.url(server, "/with"));
            server.enqueue(new MockResponse.Builder().build());
            h.raw("GET " + Harness.url(server, "/without") + " HTTP/1.0\r\n\r\n");
        }
        assertEquals("127.0.0.1:" + server.getPort(), Harness.take(server).getHeaders().get("Host"));
        assertEquals("example.org", Harness.take(server).getHeaders().get("Host"));
    }

    @Test
    void anEmptyValueRemovesAndTwoSpecsAddTwoFields() throws Exception {
        server.enqueue(new MockResponse.Builder().build());
        Options.Builder options = Options.builder().modifyHeaders("/~q/X-Secret/",
                "/~q/X-Two/a", "/~q/X-Two/b");
        try (Harness h = Harness.start(options)) {
            h.get(Harness.url(server, "/"), "X-Secret", "s", "X-Two", "old");
        }
        RecordedRequest r = Harness.take(server);
        assertNull(r.getHeaders().get("X-Secret"));
        assertEquals(List.of("a", "b"), r.getHeaders().values("X-Two"));
    }

    @Test
    void responsesAreChangedWhenTheFilterSaysSo() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Server", "origin").build());
        try (Harness h = Harness.start(Options.builder().modifyHeaders("/~s/Server/mitm",
                "/~s/X-Added/1"))) {
            HttpResponse<String> r = h.get(Harness.url(server, "/"));
            assertEquals("mitm", r.headers().firstValue("server").orElseThrow());
            assertEquals("1", r.headers().firstValue("x-added").orElseThrow());
        }
        assertNull(Harness.take(server).getHeaders().get("X-Added"), "~s is response only");
    }

    @Test
    void aFileValueIsReadAgainWhenItChanges() throws Exception {
        Path ua = dir.resolve("useragent.txt");
        Files.writeString(ua, "agent/1\n");
        try (Harness h = Harness.start(Options.builder()
                .modifyHeaders(":~q:User-Agent:@" + ua))) {
            server.enqueue(new MockResponse.Builder().build());
            h.get(Harness.url(server, "/"));
            Files.writeString(ua, "agent/two");
            server.enqueue(new MockResponse.Builder().build());
            h.get(Harness.url(server, "/"));
        }
        assertEquals("agent/1", Harness.take(server).getHeaders().get("User-Agent"));
        assertEquals("agent/two", Harness.take(server).getHeaders().get("User-Agent"));
    }

    @Test
    void everyFilterSeesTheUnmodifiedFlow() throws Exception {
        server.enqueue(new MockResponse.Builder().build());
        Options.Builder options = Options.builder().modifyHeaders("/~q/X-A/1",
                "/~h X-A:/X-B/seen");
        try (Harness h = Harness.start(options)) {
            h.get(Harness.url(server, "/"));
        }
        RecordedRequest r = Harness.take(server);
        assertEquals("1", r.getHeaders().get("X-A"));
        assertTrue(r.getHeaders().get("X-B") == null, "the second filter saw no X-A yet");
    }
}
