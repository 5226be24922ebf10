package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.internal.TrustedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way of putting text into a message head refuses CR, LF and NUL (and non-token header names
 * and methods) at assignment, naming the field and never echoing the value.
 */
class HeadValidationTest {
    /** The injected part of every bad value below; no message may contain it. */
    private static final String SECRET = "Injected";

    static Stream<Arguments> assignments() {
        Request r = Request.make("GET", "http://example.com/");
        Response s = Response.make(200);
        Headers h = new Headers();
        return Stream.of(
                refused("header value of X-A", () -> h.set("X-A", "v\r\nInjected: 1")),
                refused("header value of X-A", () -> h.setAll("X-A", List.of("ok", "v\nInjected"))),
                refused("header value of X-A", () -> h.add("X-A", "v\0Injected")),
                refused("header value of X-A", () -> h.insert(0, "X-A", "v\rInjected")),
                refused("header value of X-A", () -> Headers.of("X-A", "v\r\nInjected: 1")),
                refused("header name", () -> h.add("Injected: 1\r\nX-A", "v")),
                refused("header name", () -> h.add("X-A Injected", "v")),
                refused("header name", () -> h.set("Injected:", "v")),
                refused("header name", () -> h.add("", "v")),
                refused("method", () -> r.method("GET /Injected HTTP/1.1\r\n\r\nGET")),
                refused("method", () -> r.method("GET Injected")),
                refused("method", () -> Request.builder().method("")),
                refused("scheme", () -> r.scheme("http\r\nInjected")),
                refused("scheme", () -> Request.builder().scheme("http\nInjected")),
                refused("host", () -> r.host("example.com\r\nInjected: 1")),
                refused("host", () -> Request.builder().host("a\0Injected")),
                refused("authority", () -> r.authority("a:80\r\nInjected: 1")),
                refused("authority", () -> Request.builder().authority("a:80\nInjected")),
                refused("path", () -> r.path("/\r\nInjected: 1")),
                refused("path", () -> Request.builder().path("/\nInjected")),
                refused("URL", () -> r.url("http://example.com/\r\nInjected: 1")),
                refused("URL", () -> Request.builder().url("http://example.com/\nInjected")),
                refused("URL", () -> Request.make("GET", "http://a/\r\nInjected")),
                refused("Host", () -> r.hostHeader("example.com\r\nInjected: 1")),
                refused("HTTP version", () -> r.httpVersion("HTTP/1.1\r\nInjected: 1")),
                refused("HTTP version", () -> Response.builder().httpVersion("HTTP/1.1\nInjected")),
                refused("Cookie", () -> r.cookies().set("a", "b\r\nInjected: 1")),
                refused("Cookie", () -> r.cookies().add("a\nInjected", "b")),
                refused("reason", () -> s.reason("OK\r\nInjected: 1")),
                refused("reason", () -> Response.builder().reason("OK\nInjected")),
                refused("Set-Cookie", () -> s.cookies().set("a",
                        ResponseCookie.of("b\r\nInjected"))),
                refused("Set-Cookie", () -> s.cookies().add("a",
                        ResponseCookie.of("b", "Path", "/\nInjected: 1"))),
                refused("header value of Host", () -> Headers.of("Host", "a").replace("^Host: a$",
                        "Host: a\r\nInjected: 1")),
                refused("request-target", () -> Request.fromTarget("GET", "/\r\nInjected",
                        "HTTP/1.1", new Headers())),
                refused("method", () -> Request.fromTarget("GET\r\nInjected", "/", "HTTP/1.1",
                        new Headers())),
                refused("HTTP version", () -> Request.fromTarget("GET", "/",
                        "HTTP/1.1\r\nInjected", new Headers())));
    }

    private static Arguments refused(String field, Executable assignment) {
        return Arguments.of(field, assignment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignments")
    void anAssignmentThatCouldBreakTheHeadIsRefusedNamingTheFieldNotTheValue(String field,
            Executable assignment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, assignment);
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "echoes the value: " + e.getMessage());
    }

    @Test
    void theMessageNamesTheCharacterAndItsIndex() {
        Headers h = new Headers();
        var e = assertThrows(IllegalArgumentException.class, () -> h.set("X-A", "v\r\nB: 1"));
        assertEquals("header value of X-A holds CR (0x0d) at index 1; CR, LF and NUL cannot be "
                + "part of a message head", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> h.add("X A", "v"));
        assertEquals("header name is not a token: it holds a space (0x20) at index 1",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> h.add("X:A", "v"));
        assertEquals("header name is not a token: it holds a colon at index 1", e.getMessage());
    }

    @Test
    void aRefusedChangeLeavesEverythingAsItWasAndKeepsTheRawBlock() {
        byte[] raw = "A:  1\r\nB: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Headers h = TrustedHeaders.of(List.of(new Headers.Field("A", "1"),
                new Headers.Field("B", "2")), raw);
        assertThrows(IllegalArgumentException.class, () -> h.setAll("A", List.of("3", "4\n")));
        assertThrows(IllegalArgumentException.class, () -> h.replace("^(.): ", "$1: \r"));
        assertThrows(IllegalArgumentException.class, () -> h.insert(1, "C", "\0"));
        assertTrue(h.isRaw());
        assertArrayEquals(raw, h.toHttp1Bytes());

        Request r = Request.make("GET", "http://example.com/a");
        assertThrows(IllegalArgumentException.class, () -> r.url("http://b.example/\n"));
        assertEquals("http://example.com/a", r.url());
        assertThrows(IllegalArgumentException.class, () -> r.cookies().add("a", "\r"));
        assertFalse(r.headers().contains("Cookie"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v\tw", " leading", "caf\u00e9", "ctl\u0001", "del\u007f", ""})
    void otherValuesAreKeptAsGiven(String value) {
        Headers h = new Headers();
        h.set("X-A", value);
        assertEquals(value, h.get("X-A"));
    }

    @Test
    void whatOnlyHttp1ForbidsIsLeftToTheHttp1Writer() {
        Request r = Request.make("GET", "http://example.com/");
        assertDoesNotThrow(() -> r.path("/a b"));
        Response s = Response.make(200);
        assertDoesNotThrow(() -> s.statusCode(0));
        assertDoesNotThrow(() -> s.statusCode(1000));
        assertDoesNotThrow(() -> r.httpVersion("HTTP/2.0"));
    }

    @Test
    void viewsThatEncodeWhatTheyWriteStayValid() {
        Request r = Request.make("GET", "http://example.com/p");
        r.query().set("q", "a\r\nb");
        assertEquals("/p?q=a%0D%0Ab", r.path());
        r.pathComponents(List.of("x\ny"));
        assertEquals("/x%0Ay?q=a%0D%0Ab", r.path());
    }
}
