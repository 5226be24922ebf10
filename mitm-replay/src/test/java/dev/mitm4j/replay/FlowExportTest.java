package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** curl, HTTPie and raw exports, as mitmproxy's export addon prints them. */
class FlowExportTest {
    @Test
    void curlLeavesOutDerivedHeadersAndQuotesLikeShlex() {
        HttpFlow f = TestFlows.http(1);
        assertEquals("curl -H 'Host: example.com:8080' -H 'Content-Type: application/"
                + "x-www-form-urlencoded' -H 'X-Bytes: caf\u00e9' -X POST "
                + "'http://example.com:8080/items/1?q=a%20b' -d 'a=1&b=1'", FlowExport.curl(f));
    }

    @Test
    void curlOfAGetWithoutBodyAndWithCompression() {
        HttpFlow f = get("https://example.com/", "Host", "example.com", "Accept-Encoding",
                "gzip", "X-Quote", "it's");
        assertEquals("curl --compressed -H 'X-Quote: it'\"'\"'s' https://example.com/",
                FlowExport.curl(f));
    }

    @Test
    void curlCanPinTheOriginalServerAddress() {
        HttpFlow f = get("https://example.com/", "Host", "example.com");
        f.server().peername(new InetSocketAddress("93.184.216.34", 443));
        assertEquals("curl --resolve 'example.com:443:[93.184.216.34]' https://example.com/",
                FlowExport.curl(f, true));
    }

    @Test
    void curlEscapesControlCharactersInTheBody() {
        HttpFlow f = get("http://example.com/", "Content-Type", "text/plain");
        f.request().method("PUT");
        f.request().content("a\nb".getBytes(StandardCharsets.US_ASCII));
        assertEquals("curl -H 'Content-Type: text/plain' -X PUT http://example.com/ -d "
                + "'a\\x0ab'", FlowExport.curl(f));
    }

    @Test
    void httpieCommand() {
        HttpFlow f = get("http://example.com/x", "Host", "example.com", "A", "b");
        assertEquals("http GET http://example.com/x 'A: b'", FlowExport.httpie(f));
    }

    @Test
    void rawRequestAndResponse() {
        HttpFlow f = TestFlows.http(1);
        String expected = "POST /items/1?q=a%20b HTTP/1.1\r\n"
                + "Host: example.com:8080\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "X-Bytes: caf\u00e9\r\n"
                + "Content-Length: 7\r\n" // decoding the body sets it, as in mitmproxy
                + "\r\n"
                + "a=1&b=1"
                + "\r\n\r\n"
                + "HTTP/1.1 201 Created\r\n"
                + "Content-Length: 2\r\n"
                + "Set-Cookie: a=b\r\n"
                + "\r\n"
                + "ok";
        assertEquals(expected, new String(FlowExport.raw(f), StandardCharsets.ISO_8859_1));
        f.response(null);
        assertEquals(expected.substring(0, expected.indexOf("\r\n\r\nHTTP")),
                new String(FlowExport.raw(f), StandardCharsets.ISO_8859_1));
        assertThrows(IllegalArgumentException.class, () -> FlowExport.rawResponse(f));
    }

    @Test
    void rawResponseIsDecoded() throws Exception {
        HttpFlow f = TestFlows.http(1);
        Response r = Response.make(200, "hello".getBytes(StandardCharsets.US_ASCII),
                Headers.of("Content-Encoding", "gzip"));
        f.response(r);
        String raw = new String(FlowExport.rawResponse(f), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", raw);
    }

    @Test
    void absoluteFormRequestsKeepTheirAuthority() {
        HttpFlow f = get("http://example.com/a", "Host", "example.com");
        f.request().authority("example.com");
        assertEquals("GET http://example.com/a HTTP/1.1\r\nHost: example.com\r\n\r\n",
                new String(FlowExport.rawRequest(f), StandardCharsets.ISO_8859_1));
    }

    private static HttpFlow get(String url, String... headers) {
        Request r = Request.builder().url(url).headers(Headers.of(headers)).build();
        HttpFlow f = TestFlows.http(0);
        f.request(r);
        return f;
    }
}
