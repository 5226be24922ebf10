package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.Options;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModifyBodyTest {
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
    void replacesInRequestBodiesOnly() throws Exception {
        server.enqueue(new MockResponse.Builder().body("foo back").build());
        try (Harness h = Harness.start(Options.builder().modifyBody("/~q/foo/bar"))) {
            assertEquals("foo back", h.send("POST", Harness.url(server, "/"), "a foo b foo").body());
        }
        assertEquals("a bar b bar", Harness.take(server).getBody().utf8());
    }

    @Test
    void readsTheReplacementFromAFile() throws Exception {
        Path exploit = dir.resolve("xss-exploit");
        Files.writeString(exploit, "<script>$1\\1</script>");
        server.enqueue(new MockResponse.Builder().body("<p>foo</p>").build());
        try (Harness h = Harness.start(Options.builder().modifyBody(":~s:foo:@" + exploit))) {
            assertEquals("<p><script>$1\\1</script></p>", h.get(Harness.url(server, "/")).body());
        }
    }

    @Test
    void groupsAndDotAllWorkAcrossLines() throws Exception {
        server.enqueue(new MockResponse.Builder().body("<a>\nx\n</a>").build());
        try (Harness h = Harness.start(Options.builder().modifyBody("|~s|<a>(.*)</a>|[\\1]"))) {
            assertEquals("[\nx\n]", h.get(Harness.url(server, "/")).body());
        }
    }

    @Test
    void encodedBodiesAreDecodedThenEncodedAgain() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(gzip("hello foo"))).build());
        try (Harness h = Harness.start(Options.builder().modifyBody("/~s/foo/world"))) {
            HttpResponse<byte[]> r = h.client.send(HttpRequest.newBuilder(
                    URI.create(Harness.url(server, "/"))).header("Accept-Encoding", "gzip")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
            assertEquals("hello world", gunzip(r.body()));
        }
    }

    @Test
    void streamedBodiesAreNotModified() throws Exception {
        server.enqueue(new MockResponse.Builder().body("foo foo foo").build());
        Options.Builder options = Options.builder().modifyBody("/~s/foo/bar")
                .set("stream_large_bodies", "4");
        try (Harness h = Harness.start(options)) {
            assertEquals("foo foo foo", h.get(Harness.url(server, "/")).body());
        }
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] b) throws Exception {
        try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
