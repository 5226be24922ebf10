package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live views of a request write back to its path, headers and body. */
class RequestViewsTest {
    @Test
    void queryReadsThePathAndDecodesPlusAndPercent() {
        Request r = Request.make("GET", "http://h/p?a=1&b=x+y&a=%C3%A9&flag#frag");
        MultiDict q = r.query();
        assertEquals(List.of("1", "é"), q.getAll("a"));
        assertEquals("x y", q.get("b"));
        assertEquals("", q.get("flag"));
    }

    @Test
    void queryMutationsRewriteThePathKeepingFragment() {
        Request r = Request.make("GET", "http://h/p?a=1#frag");
        r.query().add("b", "x y&z");
        assertEquals("/p?a=1&b=x+y%26z#frag", r.path());
        r.query().set("a", "2");
        assertEquals("/p?a=2&b=x+y%26z#frag", r.path());
        r.query().clear();
        assertEquals("/p#frag", r.path());
    }

    @Test
    void queryKeepsBareKeysWhenThePathHadThem() {
        Request r = Request.make("GET", "http://h/p?flag&a=1");
        r.query().add("other", "");
        assertEquals("/p?flag&a=1&other", r.path());
    }

    @Test
    void queryViewSeesLaterPathChanges() {
        Request r = Request.make("GET", "http://h/p");
        MultiDict q = r.query();
        r.path("/p?z=9");
        assertEquals("9", q.get("z"));
    }

    @Test
    void cookiesParseAllCookieHeadersAndWriteOneBack() {
        Request r = Request.make("GET", "http://h/", new byte[0],
                Headers.of("Cookie", "a=1; b=\"q;uoted\"", "Cookie", "c=3"));
        MultiDict cookies = r.cookies();
        assertEquals(List.of("a", "b", "c"), cookies.keys());
        assertEquals("q;uoted", cookies.get("b"));
        cookies.set("a", "one two");
        assertEquals(List.of("a=\"one two\"; b=\"q;uoted\"; c=3"), r.headers().getAll("Cookie"));
        cookies.clear();
        assertFalse(r.headers().contains("Cookie"));
    }

    @Test
    void urlencodedFormIsEmptyForOtherContentTypes() {
        Request r = Request.make("POST", "http://h/", "a=1".getBytes(),
                Headers.of("Content-Type", "text/plain"));
        assertTrue(r.urlencodedForm().isEmpty());
    }

    @Test
    void urlencodedFormReadsAndRewritesTheBody() {
        Request r = Request.make("POST", "http://h/", "a=1&b=2+3".getBytes(),
                Headers.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
        MultiDict form = r.urlencodedForm();
        assertEquals("2 3", form.get("b"));
        form.add("c", "ü");
        assertEquals("a=1&b=2+3&c=%C3%BC", r.text());
        assertEquals(String.valueOf("a=1&b=2+3&c=%C3%BC".length()),
                r.headers().get("Content-Length"));
        assertEquals("application/x-www-form-urlencoded", r.headers().get("Content-Type"));
    }

    @Test
    void writingAFormToAPlainRequestSetsTheContentType() {
        Request r = Request.make("POST", "http://h/");
        r.urlencodedForm().add("k", "v");
        assertEquals("application/x-www-form-urlencoded", r.headers().get("Content-Type"));
        assertEquals("k=v", r.text());
    }

    @Test
    void urlencodedFormWritesBackThroughContentEncoding() {
        Request r = Request.make("POST", "http://h/", new byte[0], Headers.of("Content-Type",
                "application/x-www-form-urlencoded", "Content-Encoding", "gzip"));
        r.urlencodedForm().add("k", "v");
        assertEquals("gzip", r.headers().get("Content-Encoding"));
        assertEquals("k=v", r.text());
        assertFalse("k=v".equals(new String(r.rawContent(), StandardCharsets.ISO_8859_1)));
    }

    @Test
    void multipartFormReadsNamedParts() {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"field\"\r\n\r\n"
                + "value\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "\u00ff\u0000\r\nline2\r\n"
                + "--XyZ--\r\n";
        Request r = Request.make("POST", "http://h/", body.getBytes(StandardCharsets.ISO_8859_1),
                Headers.of("Content-Type", "multipart/form-data; boundary=XyZ"));
        MultiDict form = r.multipartForm();
        assertEquals(List.of(Map.entry("field", "value"),
                Map.entry("file", "\u00ff\u0000\r\nline2")), form.items(true));
    }

    @Test
    void multipartFormWritesBackKeepingTheBoundary() {
        Request r = Request.make("POST", "http://h/", new byte[0],
                Headers.of("Content-Type", "multipart/form-data; boundary=B"));
        r.multipartForm().add("k", "v");
        String expected = "--B\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--B--\r\n";
        assertEquals(expected, new String(r.content(), StandardCharsets.ISO_8859_1));
        assertEquals("v", r.multipartForm().get("k"));
    }

    @Test
    void multipartFormOnAPlainRequestChoosesARandomBoundary() {
        Request r = Request.make("POST", "http://h/");
        r.multipartForm().add("k", "v");
        String ct = r.headers().get("Content-Type");
        assertTrue(ct.startsWith("multipart/form-data; boundary=--------------------"), ct);
        assertEquals("v", r.multipartForm().get("k"));
    }
}
