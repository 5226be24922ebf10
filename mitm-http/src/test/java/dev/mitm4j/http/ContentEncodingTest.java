package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Bodies under Content-Encoding: decoding, re-encoding on assignment, strict and lenient. */
class ContentEncodingTest {
    private static final byte[] PLAIN = "hello hello hello, mitm4j!".getBytes(StandardCharsets.UTF_8);
    /** "hello hello hello, mitm4j!" compressed by the reference brotli encoder (brotli4j). */
    private static final String BROTLI_B64 = "iwyAaGVsbG8gaGVsbG8gaGVsbG8sIG1pdG00aiED";

    private static Response withEncoding(String coding, byte[] raw) {
        return Response.builder().headers(Headers.of("Content-Encoding", coding)).content(raw)
                .build();
    }

    @Test
    void gzipDecodes() throws Exception {
        assertArrayEquals(PLAIN, withEncoding("gzip", gzip(PLAIN)).content());
        assertArrayEquals(PLAIN, withEncoding("x-gzip", gzip(PLAIN)).content());
    }

    @Test
    void deflateDecodesZlibWrappedAndRaw() {
        assertArrayEquals(PLAIN, withEncoding("deflate", deflate(PLAIN, false)).content());
        assertArrayEquals(PLAIN, withEncoding("deflate", deflate(PLAIN, true)).content());
    }

    @Test
    void zstdDecodes() {
        assertArrayEquals(PLAIN, withEncoding("zstd", Zstd.compress(PLAIN)).content());
    }

    @Test
    void brotliDecodes() {
        byte[] br = Base64.getDecoder().decode(BROTLI_B64);
        assertArrayEquals(PLAIN, withEncoding("br", br).content());
    }

    @Test
    void stackedCodingsAreUndoneInReverseOrder() throws Exception {
        byte[] raw = Zstd.compress(gzip(PLAIN)); // gzip applied first, then zstd
        assertArrayEquals(PLAIN, withEncoding("gzip, zstd", raw).content());
    }

    @Test
    void identityAndNoHeaderReturnTheRawBody() {
        assertArrayEquals(PLAIN, withEncoding("identity", PLAIN).content());
        assertArrayEquals(PLAIN, Response.builder().content(PLAIN).build().content());
        assertNull(Response.builder().content(null).build().content());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "zstd"})
    void assigningContentReencodesWithTheMessagesCoding(String coding) {
        Response r = withEncoding(coding, new byte[0]);
        r.headers().set("Content-Length", "0");
        r.content(PLAIN);
        assertFalse(Arrays.equals(PLAIN, r.rawContent()), "stored encoded");
        assertArrayEquals(PLAIN, r.content());
        assertEquals(coding, r.headers().get("Content-Encoding"));
        assertEquals(String.valueOf(r.rawContent().length), r.headers().get("Content-Length"));
    }

    @Test
    void assigningContentToABrotliMessageFallsBackToIdentity() {
        Response r = withEncoding("br", new byte[0]);
        r.content(PLAIN);
        assertArrayEquals(PLAIN, r.rawContent());
        assertFalse(r.headers().contains("Content-Encoding"));
        assertArrayEquals(PLAIN, r.content());
    }

    @Test
    void assigningContentToAnUnknownCodingDropsTheHeader() {
        Response r = withEncoding("snappy", new byte[0]);
        r.content(PLAIN);
        assertFalse(r.headers().contains("Content-Encoding"));
        assertArrayEquals(PLAIN, r.rawContent());
    }

    @Test
    void contentLengthIsNotAddedWhenTransferEncodingIsPresent() {
        Response r = Response.builder().headers(Headers.of("Transfer-Encoding", "chunked"))
                .build();
        r.content(PLAIN);
        assertFalse(r.headers().contains("Content-Length"));
    }

    @Test
    void rawContentAssignmentTouchesNoHeader() {
        Response r = withEncoding("gzip", new byte[0]);
        r.rawContent(PLAIN);
        assertEquals("gzip", r.headers().get("Content-Encoding"));
        assertFalse(r.headers().contains("Content-Length"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br", "zstd", "snappy"})
    void brokenBodiesThrowInStrictModeAndStayRawInLenientMode(String coding) {
        byte[] garbage = "definitely not compressed \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Response r = withEncoding(coding, garbage);
        ContentDecodingException e = assertThrows(ContentDecodingException.class, r::content);
        assertEquals(coding, e.encoding());
        assertTrue(e.getMessage().contains("'" + coding + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("definitely"), "no body bytes in the message");
        assertArrayEquals(garbage, r.content(false));
    }

    @Test
    void truncatedGzipIsBroken() throws Exception {
        byte[] gz = gzip(PLAIN);
        Response r = withEncoding("gzip", Arrays.copyOf(gz, gz.length - 6));
        assertThrows(ContentDecodingException.class, r::content);
    }

    @Test
    void decodeRemovesTheCodingAndEncodeAppliesOne() throws Exception {
        Response r = withEncoding("gzip", gzip(PLAIN));
        r.decode(true);
        assertFalse(r.headers().contains("Content-Encoding"));
        assertArrayEquals(PLAIN, r.rawContent());
        r.encode("deflate");
        assertEquals("deflate", r.headers().get("Content-Encoding"));
        assertArrayEquals(PLAIN, r.content());
        assertThrows(IllegalArgumentException.class, () -> r.encode("br"));
        assertEquals("deflate", r.headers().get("Content-Encoding"));
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[1024];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }
}
