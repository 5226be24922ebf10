package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The four request-target forms, as {@link Request#fromTarget} reads them. */
class RequestTargetTest {
    private static Request parse(String method, String target) {
        return Request.fromTarget(method, target, "HTTP/1.1", new Headers());
    }

    @Test
    void originFormKeepsPathAndLeavesTargetEmpty() {
        Request r = parse("GET", "/a/b?c=d");
        assertEquals(RequestForm.ORIGIN, r.form());
        assertEquals("/a/b?c=d", r.path());
        assertEquals("", r.authority());
        assertEquals("", r.host());
        assertEquals(0, r.port());
    }

    @Test
    void absoluteFormDefaultsPortByScheme() {
        Request http = parse("GET", "http://example.com/x");
        assertEquals(RequestForm.ABSOLUTE, http.form());
        assertEquals("http", http.scheme());
        assertEquals("example.com", http.host());
        assertEquals(80, http.port());
        assertEquals("/x", http.path());
        assertEquals("example.com", http.authority());
        assertEquals(443, parse("GET", "https://example.com/").port());
    }

    @Test
    void absoluteFormWithoutPathGetsSlashAndSchemeIsLowerCased() {
        Request r = parse("GET", "HTTP://example.com:8080");
        assertEquals("http", r.scheme());
        assertEquals(8080, r.port());
        assertEquals("/", r.path());
        assertEquals("http://example.com:8080/", r.url());
    }

    @Test
    void absoluteFormWithIpv6LiteralInBrackets() {
        Request r = parse("GET", "http://[::1]:8080/p");
        assertEquals("::1", r.host());
        assertEquals(8080, r.port());
        assertEquals("http://[::1]:8080/p", r.url());
    }

    @Test
    void authorityFormNeedsConnectAndAPort() {
        Request r = parse("CONNECT", "example.com:443");
        assertEquals(RequestForm.AUTHORITY, r.form());
        assertEquals("example.com", r.host());
        assertEquals(443, r.port());
        assertEquals("", r.path());
        assertEquals("example.com:443", r.url());
        assertEquals("example.com:443", r.prettyUrl());
        Request v6 = parse("CONNECT", "[2001:db8::1]:8443");
        assertEquals("2001:db8::1", v6.host());
        assertEquals(8443, v6.port());
    }

    @Test
    void asteriskFormOnlyWithOptions() {
        Request r = parse("OPTIONS", "*");
        assertEquals(RequestForm.ASTERISK, r.form());
        assertEquals("*", r.path());
        assertThrows(IllegalArgumentException.class, () -> parse("GET", "*"));
    }

    @Test
    void malformedTargetsAreRejectedWithAReason() {
        assertRejected("CONNECT", "example.com", "port");
        assertRejected("CONNECT", "example.com:notaport", "invalid host or port");
        assertRejected("CONNECT", "::1:443", "IPv6");
        assertRejected("CONNECT", "example.com:70000", "invalid host or port");
        assertRejected("GET", "example.com/path", "neither origin-form");
        assertRejected("GET", "ftp://example.com/", "explicit port");
        assertRejected("GET", "http://[::1/", "invalid host or port");
        assertRejected("GET", "http://user@example.com/", "userinfo");
        assertRejected("GET", "", "empty");
        assertRejected("GET", "/a b", "0x20");
        assertRejected("G(T", "/", "method");
    }

    private static void assertRejected(String method, String target, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(method, target), target);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
