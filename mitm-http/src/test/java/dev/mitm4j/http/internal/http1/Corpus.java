package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.internal.http1.Transcript.crlf;

import dev.mitm4j.http.ConflictingFramingException;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.IncompleteMessageException;
import dev.mitm4j.http.InvalidChunkException;
import dev.mitm4j.http.InvalidContentLengthException;
import dev.mitm4j.http.InvalidHeaderNameException;
import dev.mitm4j.http.InvalidHeaderValueException;
import dev.mitm4j.http.InvalidLineEndingException;
import dev.mitm4j.http.InvalidMethodException;
import dev.mitm4j.http.InvalidStatusLineException;
import dev.mitm4j.http.InvalidTargetException;
import dev.mitm4j.http.InvalidTransferEncodingException;
import dev.mitm4j.http.InvalidVersionException;
import dev.mitm4j.http.LimitExceededException;
import dev.mitm4j.http.ObsFoldException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Valid and malformed HTTP/1 messages; text blocks use \n, turned into CRLF by crlf(). */
final class Corpus {
    /**
     * One stream of messages.
     *
     * @param method null for a request stream, else the request method the responses answer
     * @param error the expected failure, or null when every message is valid
     * @param roundTrip whether writing what was read must reproduce the input exactly
     */
    record Case(String name, @Nullable String method, String input,
            @Nullable Class<? extends HttpParseException> error, boolean roundTrip) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Corpus() {}

    static Case valid(String name, String input) {
        return new Case(name, null, input, null, true);
    }

    static Case validResponse(String name, String method, String input) {
        return new Case(name, method, input, null, true);
    }

    static Case bad(String name, String input, Class<? extends HttpParseException> error) {
        return new Case(name, null, input, error, false);
    }

    static Case badResponse(String name, String input, Class<? extends HttpParseException> e) {
        return new Case(name, "GET", input, e, false);
    }

    /** {@return {@code count} distinct field lines, each ending in \n} */
    static String fields(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("X-F").append(i).append(": v").append(i).append('\n');
        }
        return b.toString();
    }

    static final List<Case> CASES = List.of(
            valid("browser GET", crlf("""
                    GET /index.html?q=1 HTTP/1.1
                    Host: example.com
                    User-Agent: Mozilla/5.0 (X11; Linux x86_64)
                    Accept: text/html,*/*;q=0.8
                    Accept-Encoding: gzip, deflate, br
                    Cookie: a=1; b=2

                    """)),
            valid("POST with Content-Length", crlf("""
                    POST /form HTTP/1.1
                    Host: example.com
                    Content-Type: application/x-www-form-urlencoded
                    Content-Length: 11

                    a=1&b=2&c=3""")),
            valid("chunked POST with trailers", crlf("""
                    POST /upload HTTP/1.1
                    Host: example.com
                    Transfer-Encoding: chunked

                    5
                    hello
                    7
                    , world
                    0
                    Checksum: abc
                    Expires: never

                    """)),
            valid("pipelined GET then POST", crlf("""
                    GET /a HTTP/1.1
                    Host: h

                    POST /b HTTP/1.1
                    Host: h
                    Content-Length: 3

                    xyzGET /c HTTP/1.0

                    """)),
            valid("CONNECT in authority form", crlf("""
                    CONNECT example.com:443 HTTP/1.1
                    Host: example.com:443

                    """)),
            valid("OPTIONS asterisk", crlf("OPTIONS * HTTP/1.1\nHost: h\n\n")),
            valid("absolute-form GET via proxy", crlf("""
                    GET http://example.com:8080/p?x=%20y HTTP/1.1
                    Host: example.com:8080
                    Proxy-Connection: keep-alive

                    """)),
            valid("odd spacing and obs-text kept byte-for-byte",
                    "GET / HTTP/1.1\r\nX-Spaces:   padded \t \r\nX-Latin: caf\u00e9\r\n"
                            + "X-Empty:\r\nx-lower:v\r\n\r\n"),
            valid("20 KiB cookie spans several okio segments", crlf("GET / HTTP/1.1\nHost: h\n"
                    + "Cookie: " + "k=v; ".repeat(4096) + "end=1\nAccept: */*\n\n")),
            // Not a byte-exact round trip: reads end at okio segment boundaries (8 KiB), and the
            // writer emits one chunk per write.
            new Case("chunked body larger than a segment", null, crlf("POST / HTTP/1.1\n"
                    + "Transfer-Encoding: chunked\n\n2710\n" + "0123456789".repeat(1000)
                    + "\n0\n\n"), null, false),
            valid("TE is case-insensitive", crlf("""
                    POST / HTTP/1.1
                    Transfer-Encoding: Chunked

                    0

                    """)),
            new Case("empty lines before a request are skipped", null,
                    crlf("\n\nGET / HTTP/1.1\n\n"), null, false),
            new Case("chunk extensions and upper-case hex", null, crlf("""
                    POST / HTTP/1.1
                    Transfer-Encoding: chunked

                    A;name=value ; x="q"
                    0123456789
                    0

                    """), null, false),
            validResponse("200 with Content-Length", "GET", crlf("""
                    HTTP/1.1 200 OK
                    Content-Type: text/plain
                    Content-Length: 5

                    hello""")),
            validResponse("chunked response with trailers", "GET", crlf("""
                    HTTP/1.1 200 OK
                    Transfer-Encoding: chunked

                    3
                    abc
                    0
                    Server-Timing: db;dur=53

                    """)),
            validResponse("204 then 304 with Content-Length have no body", "GET", crlf("""
                    HTTP/1.1 204 No Content

                    HTTP/1.1 304 Not Modified
                    Content-Length: 100

                    """)),
            validResponse("100 Continue then 200", "POST", crlf("""
                    HTTP/1.1 100 Continue

                    HTTP/1.1 200 OK
                    Content-Length: 2

                    ok""")),
            validResponse("HEAD response declares a length but has no body", "HEAD", crlf("""
                    HTTP/1.1 200 OK
                    Content-Length: 1234

                    """)),
            validResponse("2xx to CONNECT has no body", "CONNECT",
                    crlf("HTTP/1.1 200 Connection established\n\n")),
            validResponse("body until close", "GET", crlf("""
                    HTTP/1.0 200 OK
                    Content-Type: text/plain

                    everything until EOF""")),
            validResponse("gzip-only response TE reads until close", "GET", crlf("""
                    HTTP/1.1 200 OK
                    Transfer-Encoding: gzip

                    not really gzip""")),
            validResponse("empty reason phrase", "GET", crlf("HTTP/1.1 404 \nContent-Length: 0\n\n")),
            new Case("status line without reason", "GET",
                    crlf("HTTP/1.1 200\nContent-Length: 0\n\n"), null, false),
            bad("CL and TE", crlf("""
                    POST / HTTP/1.1
                    Content-Length: 4
                    Transfer-Encoding: chunked

                    """), ConflictingFramingException.class),
            bad("two Content-Length", crlf("""
                    POST / HTTP/1.1
                    Content-Length: 4
                    Content-Length: 4

                    """), InvalidContentLengthException.class),
            bad("signed Content-Length", crlf("POST / HTTP/1.1\nContent-Length: +4\n\n"),
                    InvalidContentLengthException.class),
            bad("xchunked", crlf("POST / HTTP/1.1\nTransfer-Encoding: xchunked\n\n"),
                    InvalidTransferEncodingException.class),
            bad("space before colon", crlf("GET / HTTP/1.1\nHost : h\n\n"),
                    InvalidHeaderNameException.class),
            bad("NUL in value", "GET / HTTP/1.1\r\nX: a\0b\r\n\r\n",
                    InvalidHeaderValueException.class),
            bad("bare CR", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", InvalidLineEndingException.class),
            bad("bare LF (strict)", "GET / HTTP/1.1\nHost: h\n\n", InvalidLineEndingException.class),
            bad("bare LF in a chunked body (strict)", "POST / HTTP/1.1\r\nTransfer-Encoding: "
                    + "chunked\r\n\r\n2\nok\n0\n\n", InvalidLineEndingException.class),
            bad("obs-fold (strict)", crlf("GET / HTTP/1.1\nX: a\n b\n\n"), ObsFoldException.class),
            bad("chunk size garbage", crlf("""
                    POST / HTTP/1.1
                    Transfer-Encoding: chunked

                    5x
                    hello
                    0

                    """), InvalidChunkException.class),
            bad("HTTP/0.9", crlf("GET /\n"), InvalidVersionException.class),
            bad("method with a slash", crlf("G/ET / HTTP/1.1\n\n"), InvalidMethodException.class),
            bad("target with a space", crlf("GET /a b HTTP/1.1\n\n"), InvalidVersionException.class),
            bad("target with a control char", "GET /a\u0001b HTTP/1.1\r\n\r\n",
                    InvalidTargetException.class),
            valid("a 60 KiB request line", crlf("GET /" + "a".repeat(60 * 1024)
                    + " HTTP/1.1\nHost: h\n\n")),
            valid("1,000 fields", crlf("GET / HTTP/1.1\n" + fields(1000) + "\n")),
            valid("a 200 KiB header block", crlf("GET / HTTP/1.1\nCookie: "
                    + "c".repeat(200 * 1024) + "\n\n")),
            bad("header block over 256 KiB", crlf("GET / HTTP/1.1\nX: "
                    + "a".repeat(270_000) + "\n\n"), LimitExceededException.class),
            bad("request line over 64 KiB", crlf("GET /" + "a".repeat(70_000)
                    + " HTTP/1.1\n\n"), LimitExceededException.class),
            bad("more than 1,000 fields", crlf("GET / HTTP/1.1\n" + fields(1001) + "\n"),
                    LimitExceededException.class),
            bad("truncated headers", "GET / HTTP/1.1\r\nHost: h\r\n",
                    IncompleteMessageException.class),
            bad("truncated body", crlf("POST / HTTP/1.1\nContent-Length: 10\n\nabc"),
                    IncompleteMessageException.class),
            badResponse("HTTP/0.9 response", "hello world\r\n", InvalidStatusLineException.class),
            badResponse("two-digit status", "HTTP/1.1 20 OK\r\n\r\n",
                    InvalidStatusLineException.class));
}
