package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** map_local through the proxy; requests go to example.com, which is never contacted. */
class MapLocalTest {
    @TempDir
    Path root;
    Path dir;

    @BeforeEach
    void files() throws Exception {
        dir = Files.createDirectories(root.resolve("static"));
        Files.createDirectories(dir.resolve("foo"));
        Files.writeString(dir.resolve("foo/bar.css"), "deep");
        Files.writeString(dir.resolve("bar.css"), "shallow");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.html"), "<p>docs</p>");
        Files.writeString(dir.resolve("aboutus"), "about");
        Files.writeString(dir.resolve("about_us"), "escaped");
        Files.writeString(root.resolve("secret.txt"), "SECRET");
        Files.writeString(root.resolve("main-local.js"), "local();");
    }

    @Test
    void aFileIsAlwaysServedAndChangesShowAtOnce() throws Exception {
        Path file = root.resolve("main-local.js");
        try (Harness h = Harness.start(Options.builder().mapLocal("|example.com/main.js|" + file))) {
            HttpResponse<String> r = h.get("http://example.com/main.js?v=1");
            assertEquals(200, r.statusCode());
            assertEquals("local();", r.body());
            assertEquals("text/javascript", r.headers().firstValue("content-type").orElseThrow());
            Files.writeString(file, "changed();");
            assertEquals("changed();", h.get("http://example.com/main.js").body());
        }
    }

    @Test
    void aDirectoryGetsTheRestOfTheUrlWithoutTheQuery() throws Exception {
        try (Harness h = Harness.start(Options.builder().mapLocal("|example.com/static|" + dir))) {
            HttpResponse<String> r = h.get("http://example.com/static/foo/bar.css?t=123");
            assertEquals("deep", r.body());
            assertEquals("text/css", r.headers().firstValue("content-type").orElseThrow());
        }
        try (Harness h = Harness.start(Options.builder()
                .mapLocal("|example.com/static/foo|" + dir))) {
            assertEquals("shallow", h.get("http://example.com/static/foo/bar.css").body());
        }
    }

    @Test
    void aFilterRestrictsTheMapping() throws Exception {
        try (Harness h = Harness.start(Options.builder()
                .mapLocal("|~m GET|example.com/static|" + dir))) {
            assertEquals("deep", h.get("http://example.com/static/foo/bar.css").body());
            HttpResponse<String> post = h.send("POST", "http://example.com/static/foo/bar.css",
                    "x");
            assertEquals(Harness.GUARD_STATUS, post.statusCode(), "POST is not mapped");
        }
    }

    @Test
    void indexHtmlFallbackThenNotFoundWithoutContent() throws Exception {
        try (Harness h = Harness.start(Options.builder().mapLocal("|example.com/static|" + dir))) {
            assertEquals("<p>docs</p>", h.get("http://example.com/static/docs").body());
            HttpResponse<String> missing = h.get("http://example.com/static/nope.css");
            assertEquals(404, missing.statusCode());
            assertEquals("", missing.body());
        }
    }

    @Test
    void aCaptureGroupIsAppendedInstead() throws Exception {
        try (Harness h = Harness.start(Options.builder()
                .mapLocal("|~m GET|example.com/index.php\\?page=(.+)|" + dir))) {
            assertEquals("about", h.get("http://example.com/index.php?page=aboutus").body());
            assertEquals("escaped", h.get("http://example.com/index.php?page=about%3Fus").body());
        }
    }

    @Test
    void traversalNeverLeavesTheDirectory() throws Exception {
        try (Harness h = Harness.start(Options.builder().mapLocal("|example.com/static|" + dir,
                "|example.com/grp/(.*)|" + dir))) {
            for (String path : List.of("/static/../secret.txt", "/static/foo/../../secret.txt",
                    "/static/%2e%2e/secret.txt", "/static/%2E%2E%2Fsecret.txt",
                    "/static/foo/..%2f..%2fsecret.txt", "/static/..%5csecret.txt",
                    "/grp/%2F" + root.toString().substring(1) + "/secret.txt",
                    "/grp/../secret.txt")) {
                String answer = h.raw(Harness.rawGet("http://example.com" + path));
                assertTrue(answer.startsWith("HTTP/1.1 404"), path + ": " + answer);
                assertFalse(answer.contains("SECRET"), path);
            }
        }
    }

    @Test
    void unmatchedRequestsGoUpstream() throws Exception {
        try (Harness h = Harness.start(Options.builder().mapLocal("|example.com/static|" + dir))) {
            assertEquals(Harness.GUARD_STATUS, h.get("http://example.com/other").statusCode());
        }
    }
}
