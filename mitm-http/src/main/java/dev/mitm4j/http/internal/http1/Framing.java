package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.ConflictingFramingException;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.InvalidContentLengthException;
import dev.mitm4j.http.InvalidTransferEncodingException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Message framing (RFC 9112 section 6) and the request-smuggling checks of mitmproxy's
 * {@code validate_inbound_headers}: at most one Content-Length, a plain decimal without sign or
 * leading zeros, never together with Transfer-Encoding; at most one Transfer-Encoding from a short
 * list of known codings, ending in chunked for requests, never with HTTP/1.0.
 */
final class Framing {
    private static final String CONTENT_LENGTH = "Content-Length";
    private static final String TRANSFER_ENCODING = "Transfer-Encoding";
    /** Longest decimal that cannot overflow a long. */
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final Set<String> TRANSFER_ENCODINGS = Set.of(
            "chunked", "compress,chunked", "deflate,chunked", "gzip,chunked",
            "compress", "deflate", "gzip", "identity");

    private Framing() {}

    /**
     * {@return the framing the headers of a message just read declare (before the method and
     * status rules of responses)}
     *
     * @throws HttpParseException when the framing fields are ambiguous
     */
    static BodyFraming validate(FieldParser.Result parsed, long base, String version,
            boolean request) throws HttpParseException {
        List<Headers.Field> fields = parsed.headers().fields();
        int te = -1;
        int cl = -1;
        for (int i = 0; i < parsed.count(); i++) {
            String name = fields.get(i).name();
            int length = name.length();
            if (length != CONTENT_LENGTH.length() && length != TRANSFER_ENCODING.length()) {
                continue; // most fields: no case-insensitive comparison at all
            }
            long at = base + parsed.lineStarts()[i];
            if (name.equalsIgnoreCase(CONTENT_LENGTH)) {
                if (cl >= 0) {
                    throw new InvalidContentLengthException("repeated Content-Length", at, state());
                }
                cl = i;
            } else if (name.equalsIgnoreCase(TRANSFER_ENCODING)) {
                if (te >= 0) {
                    throw new InvalidTransferEncodingException(
                            "repeated Transfer-Encoding", at, state());
                }
                te = i;
            }
            if (te >= 0 && cl >= 0) {
                throw new ConflictingFramingException(
                        "both Content-Length and Transfer-Encoding", at, state());
            }
        }
        if (cl >= 0) {
            long length = contentLength(fields.get(cl).value());
            if (length < 0) {
                throw new InvalidContentLengthException("Content-Length is not a decimal length",
                        base + parsed.lineStarts()[cl], state());
            }
            return BodyFraming.contentLength(length);
        }
        if (te >= 0) {
            String coding = checkTransferEncoding(fields.get(te).value(), version, request,
                    base + parsed.lineStarts()[te]);
            return coding.endsWith("chunked") ? BodyFraming.CHUNKED : BodyFraming.UNTIL_CLOSE;
        }
        return request ? BodyFraming.NONE : BodyFraming.UNTIL_CLOSE;
    }

    private static String checkTransferEncoding(String value, String version, boolean request,
            long at) throws InvalidTransferEncodingException {
        if (version.equals(StartLines.HTTP_1_0)) {
            throw new InvalidTransferEncodingException(
                    "Transfer-Encoding in an HTTP/1.0 message", at, state());
        }
        String coding = normalize(value);
        if (coding == null || !TRANSFER_ENCODINGS.contains(coding)) {
            throw new InvalidTransferEncodingException("unknown Transfer-Encoding", at, state());
        }
        if (request && !coding.endsWith("chunked")) {
            throw new InvalidTransferEncodingException(
                    "request Transfer-Encoding does not end in chunked", at, state());
        }
        return coding;
    }

    /** {@return the coding list lower-cased with OWS around commas removed; null if not ASCII} */
    static @Nullable String normalize(String value) {
        if (Chars.equalsAsciiIgnoreCase(value, "chunked")) {
            return "chunked"; // the common case, without building a string
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e) {
                return null; // guards against non-ASCII letters that case-fold to ASCII
            }
            if (c == ',') {
                trimTrailingOws(out);
                out.append(',');
                while (i + 1 < value.length() && isOws(value.charAt(i + 1))) {
                    i++;
                }
            } else {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return out.toString();
    }

    private static void trimTrailingOws(StringBuilder out) {
        while (!out.isEmpty() && isOws(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@return the length, or -1 unless the value is 0 or [1-9][0-9]* that fits a long} */
    static long contentLength(String value) {
        int n = value.length();
        if (n == 0 || n > MAX_LENGTH_DIGITS || (value.charAt(0) == '0' && n > 1)) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < n; i++) {
            int d = value.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            length = length * 10 + d;
        }
        return length;
    }

    /** {@return the framing of a request with these (validated or caller-set) headers} */
    static BodyFraming request(Headers headers) {
        return framing(headers, false);
    }

    /** {@return whether a response to {@code method} never has a body (RFC 9112 section 6.3)} */
    static boolean responseHasNoBody(String method, int code) {
        return method.equals("HEAD") || code < 200 || code == 204 || code == 304
                || (method.equals("CONNECT") && code < 300);
    }

    /** {@return the framing that response headers declare, ignoring method and status} */
    static BodyFraming response(Headers headers) {
        return framing(headers, true);
    }

    private static BodyFraming framing(Headers headers, boolean response) {
        String te = headers.get("Transfer-Encoding");
        if (te != null) {
            String coding = normalize(te);
            if (coding != null && coding.endsWith("chunked")) {
                return BodyFraming.CHUNKED;
            }
            if (!response) {
                throw new IllegalArgumentException("request Transfer-Encoding not ending in chunked");
            }
            return BodyFraming.UNTIL_CLOSE;
        }
        String cl = headers.get("Content-Length");
        if (cl != null) {
            long length = contentLength(cl);
            if (length < 0) {
                throw new IllegalArgumentException("Content-Length is not a decimal length");
            }
            return BodyFraming.contentLength(length);
        }
        return response ? BodyFraming.UNTIL_CLOSE : BodyFraming.NONE;
    }

    private static String state() {
        return Http1Reader.State.FRAMING.name();
    }
}
