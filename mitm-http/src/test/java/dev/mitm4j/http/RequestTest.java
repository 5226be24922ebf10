package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Request: URL parts, pretty host/url, host header upkeep and the header helpers. */
class RequestTest {
    @Test
    void makeParsesTheUrlAndSetsContentLength() {
        Request r = Request.make("POST", "https://example.com:8443/x?y=1",
                "hi".getBytes(), Headers.of("Accept", "*/*"));
        assertEquals("POST", r.method());
        assertEquals("https", r.scheme());
        assertEquals("example.com", r.host());
        assertEquals(8443, r.port());
        assertEquals("/x?y=1", r.path());
        assertEquals("HTTP/1.1", r.httpVersion());
        assertEquals("2", r.headers().get("Content-Length"));
        assertEquals("*/*", r.headers().get("Accept"));
        assertEquals("https://example.com:8443/x?y=1", r.url());
        assertEquals(RequestForm.ORIGIN, r.form());
    }

    @Test
    void makeWithTextEncodesByContentType() {
        Request r = Request.make("PUT", "http://h/", "é",
                Headers.of("Content-Type", "text/plain; charset=utf-8"));
        assertEquals("2", r.headers().get("Content-Length"));
        assertEquals("é", r.text());
    }

    @Test
    void urlOmitsTheDefaultPortAndDropsAsterisk() {
        Request r = Request.builder().scheme("http").host("example.com").port(80).path("/a").build();
        assertEquals("http://example.com/a", r.url());
        r.port(81);
        assertEquals("http://example.com:81/a", r.url());
        Request options = Request.builder().method("OPTIONS").scheme("https").host("h")
                .port(443).path("*").build();
        assertEquals("https://h", options.url());
    }

    @Test
    void settingTheUrlSetsSchemeHostPortAndPath() {
        Request r = Request.make("GET", "http://a.example/");
        r.url("https://b.example:9443/q?x");
        assertEquals(List.of("https", "b.example", "9443", "/q?x"),
                List.of(r.scheme(), r.host(), String.valueOf(r.port()), r.path()));
        assertThrows(IllegalArgumentException.class, () -> r.url("no-scheme/path"));
        assertThrows(IllegalArgumentException.class, () -> r.url("http:///nohost"));
    }

    @Test
    void settingHostRewritesAPresentHostHeaderAndAuthority() {
        Request r = Request.fromTarget("GET", "http://old.example:8080/", "HTTP/1.1",
                Headers.of("Host", "old.example:8080"));
        r.host("new.example");
        assertEquals("new.example:8080", r.headers().get("Host"));
        assertEquals("new.example:8080", r.authority());
        r.port(80);
        assertEquals("new.example", r.headers().get("Host"));
        r.host("::1");
        assertEquals("[::1]", r.headers().get("Host"));
    }

    @Test
    void settingHostDoesNotCreateAHostHeader() {
        Request r = Request.builder().scheme("http").host("a").port(80).build();
        r.host("b");
        assertFalse(r.headers().contains("Host"));
        assertEquals("", r.authority());
    }

    @Test
    void prettyHostPrefersTheHostHeader() {
        Request r = Request.builder().scheme("https").host("10.0.0.1").port(443).path("/p")
                .headers(Headers.of("Host", "example.com:8443")).build();
        assertEquals("example.com", r.prettyHost());
        assertEquals("https://example.com:8443/p", r.prettyUrl());
        r.headers().set("Host", "example.com");
        assertEquals("https://example.com/p", r.prettyUrl());
        r.headers().remove("Host");
        assertEquals("10.0.0.1", r.prettyHost());
        assertEquals("https://10.0.0.1/p", r.prettyUrl());
    }

    @Test
    void prettyHostKeepsAMalformedHostHeaderWhole() {
        Request r = Request.builder().scheme("http").host("1.2.3.4").port(80)
                .headers(Headers.of("Host", "bad host:x")).build();
        assertEquals("bad host:x", r.prettyHost());
    }

    @Test
    void http2UsesTheAuthorityAsHostHeader() {
        Request r = Request.builder().httpVersion("HTTP/2.0").scheme("https").host("1.2.3.4")
                .port(443).authority("h2.example").path("/").build();
        assertEquals("h2.example", r.hostHeader());
        assertEquals("h2.example", r.prettyHost());
        r.hostHeader("other.example");
        assertEquals("other.example", r.authority());
        assertFalse(r.headers().contains("Host"), "HTTP/2 never creates a Host header");
        r.hostHeader(null);
        assertEquals("", r.authority());
    }

    @Test
    void http1HostHeaderSetterWritesTheHeader() {
        Request r = Request.builder().build();
        r.hostHeader("example.com");
        assertEquals("example.com", r.headers().get("Host"));
        r.hostHeader(null);
        assertNull(r.hostHeader());
    }

    @Test
    void anticacheRemovesConditionalHeaders() {
        Request r = Request.builder().headers(Headers.of("If-Modified-Since", "x",
                "If-None-Match", "\"e\"", "Accept", "*/*")).build();
        r.anticache();
        assertEquals(List.of(new Headers.Field("Accept", "*/*")), r.headers().fields());
    }

    @Test
    void anticompAsksForIdentity() {
        Request r = Request.builder().headers(Headers.of("Accept-Encoding", "gzip, br")).build();
        r.anticomp();
        assertEquals("identity", r.headers().get("Accept-Encoding"));
    }

    @Test
    void constrainEncodingKeepsOnlyDecodableCodings() {
        Request r = Request.builder()
                .headers(Headers.of("Accept-Encoding", "zstd, sdch, br;q=0.5, GZIP, compress"))
                .build();
        r.constrainEncoding();
        assertEquals("gzip, br, zstd", r.headers().get("Accept-Encoding"));
        Request none = Request.builder().build();
        none.constrainEncoding();
        assertFalse(none.headers().contains("Accept-Encoding"));
    }

    @Test
    void pathComponentsAreDecodedAndSettable() {
        Request r = Request.make("GET", "http://h/a%20b/c//d?x=1");
        assertEquals(List.of("a b", "c", "d"), r.pathComponents());
        r.pathComponents(List.of("x y", "z/w", "é"));
        assertEquals("/x%20y/z%2Fw/%C3%A9?x=1", r.path());
        r.pathComponents(List.of());
        assertEquals("/?x=1", r.path());
    }

    @Test
    void copyIsDeep() {
        Request r = Request.make("GET", "http://h/", "body".getBytes(), Headers.of("A", "1"));
        Request c = r.copy();
        c.headers().set("A", "2");
        c.host("other");
        assertEquals("1", r.headers().get("A"));
        assertEquals("h", r.host());
        assertNotSame(r.rawContent(), c.rawContent());
        assertEquals("body", c.text());
    }

    @Test
    void portIsRangeChecked() {
        Request r = Request.builder().build();
        assertThrows(IllegalArgumentException.class, () -> r.port(65536));
        assertThrows(IllegalArgumentException.class, () -> r.port(-1));
    }
}
