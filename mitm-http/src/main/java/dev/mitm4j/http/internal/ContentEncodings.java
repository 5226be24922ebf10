package dev.mitm4j.http.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.mitm4j.http.ContentDecodingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.brotli.dec.BrotliInputStream;

/**
 * Decodes and encodes HTTP bodies by {@code Content-Encoding}: gzip (alias x-gzip), deflate
 * (zlib-wrapped, falling back to raw deflate when decoding, as browsers and mitmproxy do), br
 * (decode only: org.brotli:dec is a pure-Java decoder) and zstd (zstd-jni). A header value may
 * list several codings ("gzip, br"); they are undone last-first and applied first-last.
 */
public final class ContentEncodings {
    /** The codings {@link #decode} understands, in the order mitmproxy offers them. */
    public static final List<String> DECODABLE =
            List.of("gzip", "identity", "deflate", "br", "zstd");

    private static final Set<String> ENCODABLE =
            Set.of("gzip", "x-gzip", "deflate", "zstd", "identity");

    private ContentEncodings() {}

    /**
     * Decodes {@code body} according to the header value {@code contentEncoding}.
     *
     * @throws ContentDecodingException when a coding is unknown or the bytes are malformed
     */
    public static byte[] decode(byte[] body, String contentEncoding) {
        List<String> codings = codings(contentEncoding);
        byte[] out = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            out = decodeOne(out, codings.get(i));
        }
        return out;
    }

    /**
     * Encodes {@code body} according to the header value {@code contentEncoding}.
     *
     * @throws IllegalArgumentException when a coding is unknown or cannot be produced here (br)
     */
    public static byte[] encode(byte[] body, String contentEncoding) {
        List<String> codings = codings(contentEncoding);
        for (String coding : codings) {
            if (!ENCODABLE.contains(coding)) {
                throw new IllegalArgumentException("cannot encode Content-Encoding: " + coding);
            }
        }
        byte[] out = body;
        for (String coding : codings) {
            out = encodeOne(out, coding);
        }
        return out;
    }

    /** {@return whether {@link #encode} can produce every coding in {@code contentEncoding}} */
    public static boolean canEncode(String contentEncoding) {
        return ENCODABLE.containsAll(codings(contentEncoding));
    }

    static List<String> codings(String contentEncoding) {
        List<String> out = new ArrayList<>();
        for (String part : contentEncoding.split(",")) {
            String coding = part.trim().toLowerCase(Locale.ROOT);
            if (!coding.isEmpty()) {
                out.add(coding);
            }
        }
        return out;
    }

    private static byte[] decodeOne(byte[] body, String coding) {
        try {
            return switch (coding) {
                case "identity" -> body;
                case "gzip", "x-gzip" -> readAll(new GZIPInputStream(in(body)));
                case "deflate" -> inflate(body);
                case "br" -> readAll(new BrotliInputStream(in(body)));
                case "zstd" -> readAll(new ZstdInputStream(in(body)));
                default -> throw new ContentDecodingException(coding, "unknown coding", null);
            };
        } catch (IOException | DataFormatException | RuntimeException e) {
            if (e instanceof ContentDecodingException cde) {
                throw cde;
            }
            throw new ContentDecodingException(coding, "malformed data ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] encodeOne(byte[] body, String coding) {
        try {
            return switch (coding) {
                case "gzip", "x-gzip" -> gzip(body);
                case "deflate" -> zlib(body);
                case "zstd" -> Zstd.compress(body);
                default -> body;
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    /** zlib-wrapped first (RFC 9110 says "deflate" is zlib); raw deflate when that fails. */
    private static byte[] inflate(byte[] body) throws DataFormatException {
        try {
            return inflate(body, false);
        } catch (DataFormatException e) {
            return inflate(body, true);
        }
    }

    private static byte[] inflate(byte[] body, boolean raw) throws DataFormatException {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length * 2));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated deflate stream");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        }
        return bytes.toByteArray();
    }

    private static byte[] zlib(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater();
        try (OutputStream out = new DeflaterOutputStream(bytes, deflater)) {
            out.write(body);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private static InputStream in(byte[] body) {
        return new ByteArrayInputStream(body);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
