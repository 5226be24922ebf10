package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Response: factories, reason phrases and Set-Cookie as name -> (value, attributes). */
class ResponseTest {
    @Test
    void makeSetsReasonBodyContentLengthAndTimestamps() {
        Instant before = Instant.now();
        Response r = Response.make(404, "gone".getBytes(), Headers.of("Content-Type", "text/plain"));
        assertEquals(404, r.statusCode());
        assertEquals("Not Found", r.reason());
        assertEquals("HTTP/1.1", r.httpVersion());
        assertEquals("gone", r.text());
        assertEquals("4", r.headers().get("Content-Length"));
        assertFalse(r.timestampStart().isBefore(before));
        assertEquals(r.timestampStart(), r.timestampEnd());
    }

    @Test
    void makeWithTextAndWithStatusOnly() {
        Response text = Response.make(200, "€", new Headers());
        assertEquals("text/plain; charset=utf-8", text.headers().get("Content-Type"));
        assertEquals("€", text.text());
        Response empty = Response.make(204);
        assertEquals("No Content", empty.reason());
        assertEquals(0, empty.rawContent().length);
    }

    @Test
    void reasonDefaultsFromTheCodeUntilSet() {
        Response r = Response.builder().statusCode(503).build();
        assertEquals("Service Unavailable", r.reason());
        r.reason("Busy");
        assertEquals("Busy", r.reason());
        r.reason(null);
        r.statusCode(599);
        assertEquals("", r.reason());
    }

    @Test
    void cookiesExposeValueAndCaseInsensitiveAttributes() {
        Response r = Response.make(200, new byte[0], Headers.of(
                "Set-Cookie", "a=1; Path=/; HttpOnly",
                "Set-Cookie", "b=\"x y\"; Domain=example.com; Expires=Wed, 21 Oct 2015 07:28:00 GMT"));
        ResponseCookies cookies = r.cookies();
        assertEquals(List.of("a", "b"), cookies.names());
        ResponseCookie a = cookies.get("a");
        assertEquals("1", a.value());
        assertEquals("/", a.attributes().get("path"));
        assertEquals("", a.attributes().get("HTTPONLY"));
        ResponseCookie b = cookies.get("b");
        assertEquals("x y", b.value());
        assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", b.attributes().get("expires"));
        assertNull(cookies.get("c"));
    }

    @Test
    void settingACookieRewritesTheSetCookieHeaders() {
        Response r = Response.make(200, new byte[0], Headers.of(
                "Set-Cookie", "a=1; Path=/; HttpOnly",
                "Set-Cookie", "b=\"x y\"; Domain=example.com"));
        r.cookies().set("a", ResponseCookie.of("2", "Path", "/p", "Secure", ""));
        assertEquals(List.of("a=2; Path=/p; Secure", "b=\"x y\"; Domain=example.com"),
                r.headers().getAll("Set-Cookie"));
        r.cookies().add("c", ResponseCookie.of("3"));
        assertEquals("c=3", r.headers().getAll("Set-Cookie").get(2));
        assertTrue(r.cookies().remove("a"));
        assertEquals(2, r.cookies().size());
    }

    @Test
    void oneHeaderMayCarrySeveralCookiesAndExpiresKeepsItsComma() {
        Response r = Response.make(200, new byte[0], Headers.of("Set-Cookie",
                "c=1; expires=Thu, 01 Jan 2030 00:00:00 GMT, d=2; Path=/"));
        ResponseCookies cookies = r.cookies();
        assertEquals(List.of("c", "d"), cookies.names());
        assertEquals("Thu, 01 Jan 2030 00:00:00 GMT", cookies.get("c").attributes().get("Expires"));
        assertEquals("/", cookies.get("d").attributes().get("path"));
    }

    @Test
    void duplicateCookieNamesAreKept() {
        Response r = Response.make(200, new byte[0],
                Headers.of("Set-Cookie", "a=1", "Set-Cookie", "a=2"));
        assertEquals(2, r.cookies().getAll("a").size());
        assertEquals(1, r.cookies().items(false).size());
        assertEquals(2, r.cookies().items(true).size());
    }

    @Test
    void copyIsDeep() {
        Response r = Response.make(200, "x".getBytes(), Headers.of("A", "1"));
        Response c = r.copy();
        c.headers().set("A", "2");
        c.statusCode(500);
        assertEquals("1", r.headers().get("A"));
        assertEquals(200, r.statusCode());
        assertEquals("x", c.text());
    }
}
