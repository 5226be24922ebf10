package dev.mitm4j.core.internal.addons;

import java.nio.charset.StandardCharsets;

/**
 * mitmproxy's {@code strutils.escaped_str_to_bytes} for spec parts that stand for bytes (header
 * names and values, body regexes and replacements), returning the bytes as an ISO-8859-1 string
 * (one char per byte), the form headers and byte regexes use in mitm4j. Characters beyond ASCII
 * become their UTF-8 bytes. Escapes {@code \\ \' \" \n \r \t \a \b \f \v \xHH} are decoded; any
 * other backslash stays as written, so that regex escapes such as {@code \d} and group
 * references such as {@code \1} survive (Python would read {@code \1} as the octal byte 1).
 */
final class Latin1 {
    private Latin1() {}

    /** {@return {@code escaped} with its escapes decoded, as one char per byte} */
    static String unescape(String escaped) {
        String bytes = fromUtf8(escaped);
        StringBuilder out = new StringBuilder(bytes.length());
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            if (c != '\\' || i + 1 == bytes.length()) {
                out.append(c);
                continue;
            }
            char next = bytes.charAt(i + 1);
            int decoded = simpleEscape(next);
            if (decoded >= 0) {
                out.append((char) decoded);
                i++;
            } else if (next == 'x' && isHex(bytes, i + 2)) {
                out.append((char) Integer.parseInt(bytes.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@return the UTF-8 bytes of {@code text} as one char per byte} */
    static String fromUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** {@return {@code bytes} as one char per byte} */
    static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** {@return the bytes of a one-char-per-byte string} */
    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int simpleEscape(char c) {
        return switch (c) {
            case '\\' -> '\\';
            case '\'' -> '\'';
            case '"' -> '"';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> 11;
            default -> -1;
        };
    }

    private static boolean isHex(String s, int at) {
        return at + 2 <= s.length() && Character.digit(s.charAt(at), 16) >= 0
                && Character.digit(s.charAt(at + 1), 16) >= 0;
    }
}
