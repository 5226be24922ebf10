package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.internal.TrustedHeaders;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Http2FieldsTest {
    private static final String SECRET = "s3cr3t-value";

    /** A malformed section and the problem its refusal names. */
    record Case(String name, String kind, List<Headers.Field> fields, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Fields as a peer may send them: unchecked, unlike {@link Headers#of}. */
    static List<Headers.Field> f(String... namesAndValues) {
        List<Headers.Field> fields = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new Headers.Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return fields;
    }

    private static Case request(String name, String problem, String... extra) {
        String[] base = {":method", "GET", ":scheme", "https", ":authority", "a.example",
                ":path", "/"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return new Case(name, "request", f(all), problem);
    }

    static List<Case> malformed() {
        return List.of(
                request("uppercase name", "uppercase header name at field 4", "X-Up", SECRET),
                request("space in a name", "invalid header name char 0x20", "x y", SECRET),
                request("empty name", "empty header name", "", SECRET),
                request("connection", "connection-specific header connection", "connection",
                        "close"),
                request("keep-alive", "connection-specific header keep-alive", "keep-alive",
                        SECRET),
                request("proxy-connection", "connection-specific header proxy-connection",
                        "proxy-connection", SECRET),
                request("transfer-encoding", "connection-specific header transfer-encoding",
                        "transfer-encoding", "chunked"),
                request("upgrade", "connection-specific header upgrade", "upgrade", "h2c"),
                request("te gzip", "te other than trailers", "te", "gzip"),
                request("CR in a value", "char 0x0d in the value of x-a", "x-a", "a\r" + SECRET),
                request("LF in a value", "char 0x0a in the value of x-a", "x-a", SECRET + "\n"),
                request("NUL in a value", "char 0x00 in the value of x-a", "x-a", "\0" + SECRET),
                request("leading space", "leading or trailing whitespace", "x-a", " " + SECRET),
                request("trailing tab", "leading or trailing whitespace", "x-a", SECRET + "\t"),
                request("pseudo after regular", "pseudo-header :method after a regular field",
                        "x-a", "1", ":method", "GET"),
                request("duplicate :path", "duplicate pseudo-header :path", ":path", "/x"),
                request("unknown pseudo", "unknown pseudo-header :foo", ":foo", SECRET),
                request(":status in a request", "misplaced pseudo-header :status", ":status",
                        "200"),
                request(":protocol without the setting", ":protocol without "
                        + "SETTINGS_ENABLE_CONNECT_PROTOCOL", ":protocol", "websocket"),
                request("two host fields", "several host fields", "host", "a.example", "host",
                        "b.example"),
                request("host differs from :authority", "host differs from :authority", "host",
                        "evil.example"),
                request("bad content-length", "invalid content-length", "content-length",
                        "1" + SECRET),
                request("conflicting content-length", "conflicting content-length values",
                        "content-length", "1", "content-length", "2"),
                new Case("missing :method", "request", f(":scheme", "https", ":path", "/"),
                        "missing :method"),
                new Case("missing :path", "request", f(":method", "GET", ":scheme", "https"),
                        "missing :path"),
                new Case("missing :scheme", "request", f(":method", "GET", ":path", "/"),
                        "missing :scheme"),
                new Case("empty :path", "request", f(":method", "GET", ":scheme", "https",
                        ":path", ""), "empty :path"),
                new Case("space in :path", "request", f(":method", "GET", ":scheme", "https",
                        ":path", "/a HTTP/1.1"), "invalid char 0x20 in :path"),
                new Case(":path not origin-form", "request", f(":method", "GET", ":scheme",
                        "https", ":path", "a/b"), ":path neither origin-form"),
                new Case("* without OPTIONS", "request", f(":method", "GET", ":scheme",
                        "https", ":path", "*"), ":path neither origin-form"),
                new Case("userinfo in :authority", "request", f(":method", "GET", ":scheme",
                        "https", ":authority", "u:p@a.example", ":path", "/"),
                        "userinfo in :authority"),
                new Case("method not a token", "request", f(":method", "G T", ":scheme",
                        "https", ":path", "/"), "invalid char 0x20 in :method"),
                new Case("CONNECT with :path", "request", f(":method", "CONNECT",
                        ":authority", "a.example:443", ":path", "/"), "CONNECT with :scheme"),
                new Case("CONNECT without :authority", "request", f(":method", "CONNECT"),
                        "CONNECT without :authority"),
                new Case("missing :status", "response", f("x-a", "1"), "missing :status"),
                new Case(":status not 3 digits", "response", f(":status", "2000"),
                        "invalid :status"),
                new Case(":status 101", "response", f(":status", "101"),
                        ":status 101 in HTTP/2"),
                new Case("request pseudo in a response", "response", f(":status", "200",
                        ":method", "GET"), "misplaced pseudo-header :method"),
                new Case("pseudo in trailers", "trailers", f("x-a", "1", ":status", "200"),
                        "pseudo-header :status after a regular field"),
                new Case("pseudo first in trailers", "trailers", f(":path", "/"),
                        "pseudo-header :path in trailers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isAStreamProtocolErrorNamingTheProblemWithoutTheValue(Case c) {
        Http2StreamException e = assertThrows(Http2StreamException.class, () -> {
            switch (c.kind()) {
                case "request" -> Http2Fields.request(7, c.fields(), Set.of(), false);
                case "response" -> Http2Fields.response(7, c.fields(), Set.of());
                default -> Http2Fields.trailers(7, c.fields());
            }
        });
        assertEquals(Http2ErrorCode.PROTOCOL_ERROR, e.errorCode());
        assertEquals(7, e.streamId());
        assertFalse(e.remote());
        assertTrue(e.getMessage().contains(c.problem()), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aValidRequestSplitsPseudoHeadersFromFields() throws Exception {
        Http2RequestHead head = Http2Fields.request(1, f(":method", "POST", ":scheme", "https",
                ":authority", "a.example", ":path", "/x?y=1", "te", "trailers", "cookie", "a=1",
                "cookie", "b=2", "host", "A.example"), Set.of("cookie"), false);
        assertEquals("POST", head.method());
        assertEquals("https", head.scheme());
        assertEquals("a.example", head.authority());
        assertEquals("/x?y=1", head.path());
        assertEquals(List.of("a=1", "b=2"), head.headers().getAll("cookie"));
        assertEquals(Set.of("cookie"), head.neverIndexed());
    }

    @Test
    void extendedConnectNeedsTheSettingAndItsPseudoHeaders() throws Exception {
        List<Headers.Field> ws = f(":method", "CONNECT", ":protocol", "websocket", ":scheme",
                "https", ":authority", "a.example", ":path", "/chat");
        Http2RequestHead head = Http2Fields.request(1, ws, Set.of(), true);
        assertTrue(head.isExtendedConnect());
        assertEquals("websocket", head.protocol());
        Http2RequestHead tunnel = Http2Fields.request(3, f(":method", "CONNECT", ":authority",
                "a.example:443"), Set.of(), false);
        assertTrue(tunnel.isConnect());
        assertFalse(tunnel.isExtendedConnect());
    }

    @Test
    void outboundHeadsAreLowercasedAndLoseConnectionSpecificFields() {
        Headers h1 = Headers.of("Host", "a.example", "Connection", "keep-alive, X-Hop",
                "Keep-Alive", "timeout=5", "X-Hop", "1", "Transfer-Encoding", "chunked",
                "TE", "trailers, deflate", "Accept", "*/*", "Upgrade", "h2c");
        List<Headers.Field> fields = Http2Fields.outbound(
                Http2RequestHead.of("GET", "https", "a.example", "/", h1), false);
        assertEquals(f(":method", "GET", ":scheme", "https", ":authority", "a.example",
                ":path", "/", "host", "a.example", "accept", "*/*"), fields);
    }

    @Test
    void theWriterRefusesCrLfOrNulRatherThanSendingThem() {
        // the model refuses such values too; the writer checks again, whatever built the head
        Headers smuggled = TrustedHeaders.of(f("X-A", "1\r\nX-Injected: " + SECRET), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Http2Fields.outbound(Http2ResponseHead.of(200, smuggled)));
        assertTrue(e.getMessage().contains("char 0x0d in the value of x-a"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertThrows(IllegalArgumentException.class, () -> Http2Fields.outbound(
                Http2RequestHead.of("GET", "https", "a.example", "/a b", new Headers()), false));
        assertThrows(IllegalArgumentException.class, () -> Http2Fields.outbound(
                new Http2RequestHead("CONNECT", "https", "a.example", "/", "websocket",
                        new Headers(), Set.of()), false));
    }
}
