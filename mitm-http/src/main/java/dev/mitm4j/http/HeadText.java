package dev.mitm4j.http;

/**
 * The checks that text passes when it is assigned to a part of a message head (header fields,
 * trailers, method, scheme, host, authority, path, HTTP version, reason): it must not hold what no
 * version of HTTP can carry there, so that a head built by an addon, a spec or a flow file can
 * never be serialised into an extra header line or a second message. Rules:
 * <ul>
 *   <li>text holds no CR, LF or NUL (RFC 9110 section 5.5, RFC 9113 section 8.2.1);
 *   <li>a header name or a method is a non-empty token (RFC 9110 sections 5.1, 9.1): no colon,
 *       no whitespace, no control character. A header name may start with one colon: browsers
 *       record HTTP/2 pseudo-header fields ({@code :authority}, {@code :path}) among the headers
 *       in HAR files, and mitmproxy keeps them on import. An HTTP/1 head cannot carry them; its
 *       writer refuses them.
 * </ul>
 * What only HTTP/1 forbids (a space in the request-target, a status code outside 100..999) is
 * left to the HTTP/1 writer, which checks every head again before a byte goes out.
 *
 * <p>Every failure is an {@link IllegalArgumentException} that names the field, the character
 * and its index, and never contains the value.
 */
final class HeadText {
    /** tchar: {@code !#$%&'*+-.^_`|~}, DIGIT, ALPHA (RFC 9110 section 5.6.2). */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HeadText() {}

    /**
     * {@return {@code value}, checked to hold no CR, LF or NUL}
     *
     * @throws IllegalArgumentException naming {@code field} when it does
     */
    static String text(String field, String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c <= '\r' && (c == '\r' || c == '\n' || c == 0)) {
                throw forbidden(field, c, i);
            }
        }
        return value;
    }

    /**
     * {@return {@code value}, checked to be a non-empty token}
     *
     * @throws IllegalArgumentException naming {@code field} when it is not
     */
    static String token(String field, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                throw new IllegalArgumentException(field + " is not a token: it holds "
                        + describe(c) + " at index " + i);
            }
        }
        return value;
    }

    /**
     * Checks a header field: the name is a token and the value holds no CR, LF or NUL. The name is
     * checked first, so that the value's message can name it.
     *
     * @throws IllegalArgumentException naming the field when either fails
     */
    static void field(String name, String value) {
        if (name.length() > 1 && name.charAt(0) == ':') {
            token("header name after its leading colon", name.substring(1));
        } else {
            token("header name", name);
        }
        text("header value of " + name, value);
    }

    private static IllegalArgumentException forbidden(String field, char c, int index) {
        return new IllegalArgumentException(field + " holds " + describe(c) + " at index " + index
                + "; CR, LF and NUL cannot be part of a message head");
    }

    private static String describe(char c) {
        String hex = String.format("0x%02x", (int) c);
        return switch (c) {
            case '\r' -> "CR (" + hex + ")";
            case '\n' -> "LF (" + hex + ")";
            case 0 -> "NUL (" + hex + ")";
            case ' ' -> "a space (" + hex + ")";
            case ':' -> "a colon";
            default -> c < 0x20 || c == 0x7f ? "control character " + hex
                    : c < 0x7f ? "'" + c + "'"
                    : "non-ASCII character " + String.format("U+%04X", (int) c);
        };
    }
}
