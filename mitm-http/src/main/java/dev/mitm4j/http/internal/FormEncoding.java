package dev.mitm4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Percent-encoding as Python's urllib does it, which mitmproxy relies on: {@code quote} keeps
 * letters, digits and "_.-~" (plus the given safe characters), {@code application/x-www-form-
 * urlencoded} additionally turns spaces into "+". Text is UTF-8; malformed escapes decode to
 * U+FFFD.
 */
public final class FormEncoding {
    private static final String UNRESERVED = "_.-~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoding() {}

    /**
     * Parses a query string or form body: pairs separated by "&amp;", blank values kept ("a" and
     * "a=" both give ("a", "")), empty segments skipped.
     */
    public static List<Map.Entry<String, String>> decode(String s) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String part : s.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.add(Map.entry(unquote(k.replace('+', ' ')), unquote(v.replace('+', ' '))));
        }
        return out;
    }

    /**
     * Serialises pairs as "k=v&amp;k2=v2". When {@code similarTo} holds a segment without "=",
     * empty values are written as a bare key, as mitmproxy does, so a round trip keeps "a&amp;b".
     */
    public static String encode(List<Map.Entry<String, String>> pairs, String similarTo) {
        boolean bareKeys = false;
        for (String seg : similarTo.split("&", -1)) {
            bareKeys |= !seg.isEmpty() && seg.indexOf('=') < 0;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(quotePlus(e.getKey()));
            if (!(bareKeys && e.getValue().isEmpty())) {
                sb.append('=').append(quotePlus(e.getValue()));
            }
        }
        return sb.toString();
    }

    /** {@return {@code s} percent-encoded as UTF-8, keeping unreserved and {@code safe} chars} */
    public static String quote(String s, String safe) {
        return escape(s, safe, false);
    }

    /** {@return {@code s} form-encoded: like {@link #quote} with no safe chars, space as "+"} */
    public static String quotePlus(String s) {
        return escape(s, "", true);
    }

    /** {@return {@code s} with %XX escapes decoded as UTF-8} */
    public static String unquote(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1))
                    && isHex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String escape(String s, String safe, boolean plus) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isAlnum(c) || UNRESERVED.indexOf(c) >= 0 || (c < 0x80 && safe.indexOf(c) >= 0)) {
                sb.append(c);
            } else if (plus && c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
