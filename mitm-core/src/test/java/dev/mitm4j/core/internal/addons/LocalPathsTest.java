package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalPathsTest {
    private static final Path DIR = Path.of("/srv/static-css");

    @Test
    void theFeaturesPageExample() {
        assertEquals(List.of(DIR.resolve("print/main.css"), DIR.resolve("print/main.css/index.html")),
                candidates("example.com/css", "https://example.com/css/print/main.css?timestamp=123"));
    }

    @Test
    void aCaptureGroupIsTheSuffixAndKeepsTheQuery() {
        assertEquals(List.of(DIR.resolve("aboutus"), DIR.resolve("aboutus/index.html")),
                candidates("example.com/index.php\\?page=(.+)",
                        "https://example.com/index.php?page=aboutus"));
        assertEquals(List.of(DIR.resolve("a?b=c"), DIR.resolve("a?b=c/index.html"),
                DIR.resolve("a_b=c"), DIR.resolve("a_b=c/index.html")),
                candidates("example.com/x/(.+)", "https://example.com/x/a?b=c"));
    }

    @Test
    void specialCharactersMapToUnderscoreAfterDecoding() {
        assertEquals(List.of(DIR.resolve("about us"), DIR.resolve("about us/index.html"),
                DIR.resolve("about_us"), DIR.resolve("about_us/index.html")),
                candidates("example.com/", "https://example.com/about%20us"));
    }

    @Test
    void anEmptySuffixServesIndexHtml() {
        assertEquals(List.of(DIR.resolve("index.html")),
                candidates("example.com/css", "https://example.com/css/"));
    }

    @Test
    void traversalGivesNoCandidates() {
        for (String url : List.of("https://example.com/css/../secret",
                "https://example.com/css/a/../../secret", "https://example.com/css/%2e%2e/secret",
                "https://example.com/css/%2E%2E%2Fsecret", "https://example.com/css/x/..%2f..%2fs",
                "https://example.com/css/..%5csecret", "https://example.com/css/a%00b")) {
            assertEquals(List.of(), candidates("example.com/css", url), url);
        }
        assertEquals(List.of(), candidates("example.com/x(.*)", "https://example.com/x/etc/passwd"));
    }

    @Test
    void safeNames() {
        assertTrue(LocalPaths.safe("a/b.c/..d"));
        assertFalse(LocalPaths.safe("/abs"));
        assertFalse(LocalPaths.safe("a/.."));
    }

    @Test
    void unquoteLeavesMalformedEscapes() {
        assertEquals("a%zz%2", LocalPaths.unquote("a%zz%2"));
        assertEquals("é+", LocalPaths.unquote("%C3%A9+"));
    }

    private static List<Path> candidates(String regex, String url) {
        return LocalPaths.candidates(DIR, Pattern.compile(regex), url);
    }
}
