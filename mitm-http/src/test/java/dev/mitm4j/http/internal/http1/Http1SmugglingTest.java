package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.internal.http1.Transcript.crlf;
import static dev.mitm4j.http.internal.http1.Transcript.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mitm4j.http.ConflictingFramingException;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.InvalidChunkException;
import dev.mitm4j.http.InvalidContentLengthException;
import dev.mitm4j.http.InvalidHeaderNameException;
import dev.mitm4j.http.InvalidHeaderValueException;
import dev.mitm4j.http.InvalidLineEndingException;
import dev.mitm4j.http.InvalidMethodException;
import dev.mitm4j.http.InvalidTargetException;
import dev.mitm4j.http.InvalidTransferEncodingException;
import dev.mitm4j.http.InvalidVersionException;
import dev.mitm4j.http.ObsFoldException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * One test per request-smuggling vector of issue 2. Each checks the exception type, the offset
 * of the offending line or byte, that whole and one-byte parsing agree, and that the message
 * holds no header value (every value here contains "SECRET" or is the framing value itself).
 */
class Http1SmugglingTest {
    private static final String HEAD = "POST / HTTP/1.1\r\nHost: SECRET.example\r\n";

    /** Parses {@code input} whole and one byte at a time; both must fail the same way. */
    private static <T extends HttpParseException> T rejected(Class<T> type, String input)
            throws IOException {
        Transcript whole = Transcript.requests(latin1(input), false, Http1Limits.defaults());
        Transcript slow = Transcript.requests(latin1(input), true, Http1Limits.defaults());
        assertNotNull(whole.error, () -> "accepted:\n" + whole);
        assertEquals(whole.toString(), slow.toString());
        assertFalse(whole.error.getMessage().contains("SECRET"), whole.error.getMessage());
        return assertInstanceOf(type, whole.error);
    }

    private static long at(String input, String marker) {
        int index = input.indexOf(marker);
        if (index < 0) {
            throw new AssertionError("no " + marker);
        }
        return index;
    }

    private static void assertOffset(long expected, HttpParseException e, String... values) {
        assertEquals(expected, e.offset(), e.getMessage());
        for (String value : values) {
            assertFalse(e.getMessage().contains(value), e.getMessage());
        }
    }

    @Test
    void contentLengthTogetherWithTransferEncodingIsRejected() throws IOException {
        String in = HEAD + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        var e = rejected(ConflictingFramingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "chunked");
    }

    @Test
    void transferEncodingBeforeContentLengthIsRejectedToo() throws IOException {
        String in = HEAD + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n";
        var e = rejected(ConflictingFramingException.class, in);
        assertOffset(at(in, "Content-Length"), e, "chunked");
    }

    @Test
    void repeatedIdenticalContentLengthIsRejected() throws IOException {
        String in = HEAD + "Content-Length: 7\r\nContent-Length: 7\r\n\r\nSECRET!";
        var e = rejected(InvalidContentLengthException.class, in);
        assertOffset(at(in, "Content-Length: 7\r\nContent") + 19, e, "7");
    }

    @Test
    void differingContentLengthsAreRejected() throws IOException {
        String in = HEAD + "Content-Length: 3\r\ncontent-length: 12\r\n\r\n";
        var e = rejected(InvalidContentLengthException.class, in);
        assertOffset(at(in, "content-length"), e, "12");
    }

    @Test
    void commaSeparatedContentLengthListIsRejected() throws IOException {
        String in = HEAD + "Content-Length: 33, 33\r\n\r\n";
        var e = rejected(InvalidContentLengthException.class, in);
        assertOffset(at(in, "Content-Length"), e, "33");
    }

    @Test
    void nonDigitContentLengthIsRejected() throws IOException {
        String in = HEAD + "Content-Length: 4SECRET\r\n\r\n";
        var e = rejected(InvalidContentLengthException.class, in);
        assertOffset(at(in, "Content-Length"), e);
    }

    @Test
    void signedContentLengthIsRejected() throws IOException {
        for (String sign : new String[] {"+", "-"}) {
            String in = HEAD + "Content-Length: " + sign + "66\r\n\r\n";
            var e = rejected(InvalidContentLengthException.class, in);
            assertOffset(at(in, "Content-Length"), e, "66");
        }
    }

    @Test
    void overflowingContentLengthIsRejected() throws IOException {
        String in = HEAD + "Content-Length: 99999999999999999999999\r\n\r\n";
        var e = rejected(InvalidContentLengthException.class, in);
        assertOffset(at(in, "Content-Length"), e, "9999");
    }

    @Test
    void contentLengthWithLeadingZerosIsRejectedAsMitmproxyDoes() throws IOException {
        String in = HEAD + "Content-Length: 0055\r\n\r\n";
        var e = rejected(InvalidContentLengthException.class, in);
        assertOffset(at(in, "Content-Length"), e, "0055");
    }

    @Test
    void transferEncodingNotEndingInChunkedIsRejectedForRequests() throws IOException {
        String in = HEAD + "Transfer-Encoding: chunked, gzip\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "gzip");
    }

    @Test
    void transferEncodingWithoutChunkedIsRejectedForRequests() throws IOException {
        String in = HEAD + "Transfer-Encoding: identity\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "identity");
    }

    @Test
    void repeatedTransferEncodingIsRejected() throws IOException {
        String in = HEAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding: chunked\r\nT") + 28, e, "chunked");
    }

    @Test
    void obfuscatedTransferEncodingXchunkedIsRejected() throws IOException {
        String in = HEAD + "Transfer-Encoding: xchunked\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "xchunked");
    }

    @Test
    void obfuscatedTransferEncodingWithInnerWhitespaceIsRejected() throws IOException {
        String in = HEAD + "Transfer-Encoding: chun ked\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "chun ");
    }

    @Test
    void obfuscatedTransferEncodingWithVerticalTabIsRejected() throws IOException {
        String in = HEAD + "Transfer-Encoding: chunked\u000b\r\n\r\n";
        var e = rejected(InvalidHeaderValueException.class, in);
        assertOffset(at(in, "\u000b"), e, "chunked");
        assertEquals("invalid header value char 0x0b at offset " + at(in, "\u000b")
                + ", parser state [HEADER_VALUE]", e.getMessage());
    }

    @Test
    void obfuscatedTransferEncodingWithANonAsciiLetterIsRejected() throws IOException {
        String in = HEAD + "Transfer-Encoding: chunk\u00e9d\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "chunk");
    }

    @Test
    void doubledChunkedTransferEncodingIsRejected() throws IOException {
        String in = HEAD + "Transfer-Encoding: chunked, chunked\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "chunked,");
    }

    @Test
    void transferEncodingInAnHttp10RequestIsRejected() throws IOException {
        String in = "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n";
        var e = rejected(InvalidTransferEncodingException.class, in);
        assertOffset(at(in, "Transfer-Encoding"), e, "chunked");
    }

    @Test
    void whitespaceBeforeTheColonIsRejected() throws IOException {
        for (String ws : new String[] {" ", "\t"}) {
            String in = HEAD + "Transfer-Encoding" + ws + ": chunked\r\n\r\n";
            var e = rejected(InvalidHeaderNameException.class, in);
            assertOffset(at(in, ws + ":"), e, "chunked");
        }
    }

    @Test
    void controlCharacterInAHeaderNameIsRejectedWithItsHexCode() throws IOException {
        String in = "GET / HTTP/1.1\r\nX-A\u000bB: SECRET\r\n\r\n";
        var e = rejected(InvalidHeaderNameException.class, in);
        assertEquals("invalid header name char 0x0b at offset 19, parser state [HEADER_NAME]",
                e.getMessage());
        assertEquals("HEADER_NAME", e.state());
    }

    @Test
    void bareCarriageReturnInAValueIsRejected() throws IOException {
        String in = HEAD + "X-A: SECRET\rX-B: 1\r\n\r\n";
        var e = rejected(InvalidLineEndingException.class, in);
        assertOffset(at(in, "\rX-B"), e);
    }

    @Test
    void bareCarriageReturnEndingTheHeadIsRejected() throws IOException {
        String in = HEAD + "\r\rX-A: 1\r\n\r\n";
        var e = rejected(InvalidLineEndingException.class, in);
        assertOffset(at(in, "\r\rX"), e);
    }

    @Test
    void nulInAValueIsRejected() throws IOException {
        String in = HEAD + "X-A: SECRET\0SECRET\r\n\r\n";
        var e = rejected(InvalidHeaderValueException.class, in);
        assertOffset(at(in, "\0"), e);
    }

    @Test
    void delInAValueIsRejected() throws IOException {
        String in = HEAD + "X-A: SECRET\u007f\r\n\r\n";
        var e = rejected(InvalidHeaderValueException.class, in);
        assertOffset(at(in, "\u007f"), e);
    }

    @Test
    void obsFoldIsRejectedInStrictMode() throws IOException {
        String in = HEAD + "Transfer-Encoding: identity\r\n chunked\r\nContent-Length: 3\r\n\r\n";
        var e = rejected(ObsFoldException.class, in);
        assertOffset(at(in, " chunked"), e, "identity", "chunked");
    }

    @Test
    void bareLineFeedIsRejectedInStrictMode() throws IOException {
        String in = HEAD + "X-A: SECRET\nTransfer-Encoding: chunked\r\n\r\n";
        var e = rejected(InvalidLineEndingException.class, in);
        assertOffset(at(in, "\nTransfer"), e, "chunked");
    }

    private static String chunked(String body) {
        return HEAD + "Transfer-Encoding: chunked\r\n\r\n" + body;
    }

    @Test
    void overflowingChunkSizeIsRejected() throws IOException {
        String in = chunked("fffffffffffffffff\r\nSECRET\r\n0\r\n\r\n");
        var e = rejected(InvalidChunkException.class, in);
        assertOffset(at(in, "fffffffffffffffff") + 15, e); // the 16th digit would overflow
    }

    @Test
    void garbageChunkSizeIsRejected() throws IOException {
        String in = chunked("zz\r\nSECRET\r\n0\r\n\r\n");
        var e = rejected(InvalidChunkException.class, in);
        assertOffset(at(in, "zz"), e);
    }

    @Test
    void negativeChunkSizeIsRejected() throws IOException {
        String in = chunked("-6\r\nSECRET\r\n0\r\n\r\n");
        var e = rejected(InvalidChunkException.class, in);
        assertOffset(at(in, "-6"), e);
    }

    @Test
    void chunkSizeFollowedByGarbageIsRejected() throws IOException {
        String in = chunked("6 x\r\nSECRET\r\n0\r\n\r\n");
        var e = rejected(InvalidChunkException.class, in);
        assertOffset(at(in, "x\r\nSECRET"), e);
    }

    @Test
    void chunkDataWithoutItsCrlfIsRejected() throws IOException {
        String in = chunked("3\r\nSECRET\r\n0\r\n\r\n");
        var e = rejected(InvalidChunkException.class, in);
        assertOffset(at(in, "SECRET\r\n0") + 3, e);
    }

    @Test
    void controlCharacterInAChunkExtensionIsRejected() throws IOException {
        String in = chunked("6;a=\u0001\r\nSECRET\r\n0\r\n\r\n");
        var e = rejected(InvalidChunkException.class, in);
        assertOffset(at(in, "\u0001"), e);
    }

    @Test
    void http09RequestWithoutVersionIsRejected() throws IOException {
        String in = "GET /SECRET\r\n";
        var e = rejected(InvalidVersionException.class, in);
        assertOffset(at(in, "\r\n"), e);
    }

    @Test
    void invalidMethodTokenIsRejected() throws IOException {
        String in = "G(ET / HTTP/1.1\r\nHost: SECRET\r\n\r\n";
        var e = rejected(InvalidMethodException.class, in);
        assertOffset(1, e);
    }

    @Test
    void requestLineWithTwoSpacesIsRejected() throws IOException {
        String in = "GET  / HTTP/1.1\r\n\r\n";
        var e = rejected(InvalidTargetException.class, in);
        assertOffset(4, e);
    }

    @Test
    void targetWithAControlCharacterIsRejected() throws IOException {
        String in = "GET /a\u0001 HTTP/1.1\r\n\r\n";
        var e = rejected(InvalidTargetException.class, in);
        assertOffset(6, e);
    }

    @Test
    void targetWithARawNonAsciiByteIsRejected() throws IOException {
        String in = "GET /caf\u00e9 HTTP/1.1\r\n\r\n";
        var e = rejected(InvalidTargetException.class, in);
        assertOffset(8, e);
    }

    @Test
    void targetInNoValidFormIsRejected() throws IOException {
        var e = rejected(InvalidTargetException.class, "GET SECRET HTTP/1.1\r\n\r\n");
        assertOffset(4, e);
        e = rejected(InvalidTargetException.class, "GET * HTTP/1.1\r\n\r\n");
        assertOffset(4, e);
        e = rejected(InvalidTargetException.class, "CONNECT /SECRET HTTP/1.1\r\n\r\n");
        assertOffset(8, e);
    }

    @Test
    void unsupportedHttpVersionIsRejected() throws IOException {
        var e = rejected(InvalidVersionException.class, crlf("GET / HTTP/2.0\n\n"));
        assertOffset(11, e);
        e = rejected(InvalidVersionException.class, crlf("GET / HTTP/1.1x\n\n"));
        assertOffset(6, e);
    }
}
