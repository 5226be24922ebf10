package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.HttpParseException.hex;

import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.InvalidLineEndingException;
import dev.mitm4j.http.InvalidMethodException;
import dev.mitm4j.http.InvalidStatusLineException;
import dev.mitm4j.http.InvalidTargetException;
import dev.mitm4j.http.InvalidVersionException;

/**
 * Parses request lines and status lines (RFC 9112 sections 3 and 4) from the start of a byte array
 * whose index {@code lf} holds the line's LF. Single spaces separate the parts; any other whitespace is an error.
 */
final class StartLines {
    static final String HTTP_1_1 = "HTTP/1.1";
    static final String HTTP_1_0 = "HTTP/1.0";

    private StartLines() {}

    /** A parsed request line. */
    record RequestLine(String method, String target, String version) {}

    /** A parsed status line. */
    record StatusLine(String version, int code, String reason) {}

    static RequestLine request(byte[] line, int lf, long base, boolean strict) throws HttpParseException {
        String state = "REQUEST_LINE";
        int end = contentEnd(line, lf, base, strict, state);
        int i = 0;
        while (Chars.TCHAR[line[i] & 0xff]) {
            i++;
        }
        if (i == 0 || line[i] != ' ') {
            if (i > 0 && i == end) {
                throw new InvalidTargetException("missing request target", base + i, state);
            }
            throw new InvalidMethodException("invalid method char " + hex(line[i]), base + i, state);
        }
        String method = Chars.method(line, 0, i);
        int t = i + 1;
        int j = t;
        while (line[j] > 0x20 && line[j] < 0x7f) { // VCHAR; obs-text is negative as a byte
            j++;
        }
        if (j == t) {
            throw new InvalidTargetException(
                    "invalid target char " + hex(line[j]), base + j, state);
        }
        if (j == end) {
            throw new InvalidVersionException(
                    "HTTP/0.9 request (no HTTP version) rejected", base + j, state);
        }
        if (line[j] != ' ') {
            throw new InvalidTargetException("invalid target char " + hex(line[j]), base + j, state);
        }
        String version = version(line, j + 1, end, base, state);
        String target = Chars.latin1(line, t, j - t);
        checkTargetForm(method, target, base + t, state);
        return new RequestLine(method, target, version);
    }

    static StatusLine status(byte[] line, int lf, long base, boolean strict) throws HttpParseException {
        String state = "STATUS_LINE";
        int end = contentEnd(line, lf, base, strict, state);
        if (end < 12 || line[8] != ' ') {
            throw new InvalidStatusLineException("malformed status line", base, state);
        }
        String version = version(line, 0, 8, base, state);
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new InvalidStatusLineException(
                        "invalid status code char " + hex(line[i]), base + i, state);
            }
            code = code * 10 + d;
        }
        if (code < 100) {
            throw new InvalidStatusLineException("status code below 100", base + 9, state);
        }
        // "HTTP/1.1 200" without the space and reason is common in the wild and unambiguous.
        if (end == 12) {
            return new StatusLine(version, code, "");
        }
        if (line[12] != ' ') {
            throw new InvalidStatusLineException(
                    "invalid char after status code " + hex(line[12]), base + 12, state);
        }
        for (int i = 13; i < end; i++) {
            int c = line[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidStatusLineException(
                        "invalid reason phrase char " + hex(c), base + i, state);
            }
        }
        return new StatusLine(version, code, Chars.latin1(line, 13, end - 13));
    }

    /** {@return the index of the line ending (CR of CRLF, or a leniently accepted bare LF)} */
    private static int contentEnd(byte[] line, int lf, long base, boolean strict, String state)
            throws InvalidLineEndingException {
        if (lf > 0 && line[lf - 1] == '\r') {
            return lf - 1;
        }
        if (strict) {
            throw new InvalidLineEndingException("bare LF without CR", base + lf, state);
        }
        // Lenient: RFC 9112 section 2.2 allows a lone LF as a line terminator.
        return lf;
    }

    private static String version(byte[] line, int from, int end, long base, String state)
            throws InvalidVersionException {
        if (end - from != 8 || line[from] != 'H' || line[from + 1] != 'T' || line[from + 2] != 'T'
                || line[from + 3] != 'P' || line[from + 4] != '/' || line[from + 6] != '.'
                || !isDigit(line[from + 5]) || !isDigit(line[from + 7])) {
            throw new InvalidVersionException("malformed HTTP version", base + from, state);
        }
        if (line[from + 5] != '1') {
            throw new InvalidVersionException("unsupported HTTP major version", base + from + 5,
                    state);
        }
        return switch (line[from + 7]) {
            case '1' -> HTTP_1_1;
            case '0' -> HTTP_1_0;
            default -> Chars.latin1(line, from, 8);
        };
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9112 section 3.2: origin, absolute, authority (CONNECT only), asterisk (OPTIONS). */
    private static void checkTargetForm(String method, String target, long at, String state)
            throws InvalidTargetException {
        if (method.equals("CONNECT")) {
            if (!isAuthority(target)) {
                throw new InvalidTargetException("CONNECT target is not host:port", at, state);
            }
            return;
        }
        char first = target.charAt(0);
        if (first == '/') {
            return;
        }
        if (first == '*' && target.length() == 1) {
            if (!method.equals("OPTIONS")) {
                throw new InvalidTargetException("asterisk target without OPTIONS", at, state);
            }
            return;
        }
        if (!isAbsolute(target)) {
            throw new InvalidTargetException("request target in no valid form", at, state);
        }
    }

    private static boolean isAuthority(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1 || target.length() - colon > 6) {
            return false;
        }
        for (int i = colon + 1; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        for (int i = 0; i < colon; i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '@') {
                return false;
            }
        }
        return true;
    }

    /** scheme ":" hier-part, scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static boolean isAbsolute(String target) {
        int colon = target.indexOf(':');
        if (colon <= 0 || !isAlpha(target.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = target.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return colon < target.length() - 1;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
