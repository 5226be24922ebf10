package dev.mitm4j.http.internal.http1;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte classes of RFC 9110/9112 as lookup tables, and interning of common names. */
final class Chars {
    /** tchar: {@code !#$%&'*+-.^_`|~}, DIGIT, ALPHA (RFC 9110 section 5.6.2). */
    static final boolean[] TCHAR = new boolean[256];

    private static final String[] COMMON_NAMES = {
        "Host", "Connection", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
        "Cookie", "Referer", "Cache-Control", "Pragma", "Upgrade-Insecure-Requests", "Origin",
        "Content-Type", "Content-Length", "Transfer-Encoding", "Date", "Server", "Set-Cookie",
        "Location", "Last-Modified", "ETag", "Expires", "Vary", "Content-Encoding",
        "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-User", "Sec-Fetch-Dest", "sec-ch-ua",
        "sec-ch-ua-mobile", "sec-ch-ua-platform", "If-None-Match", "If-Modified-Since",
        "Authorization", "Keep-Alive", "Upgrade", "Expect", "Range", "DNT", "host", "user-agent",
        "accept", "accept-encoding", "accept-language", "content-type", "content-length",
        "connection", "cookie", "date", "server",
    };
    private static final String[] METHODS = {
        "GET", "POST", "HEAD", "PUT", "DELETE", "CONNECT", "OPTIONS", "PATCH", "TRACE",
    };
    private static final int MAX_INTERNED = 32;
    private static final int BUCKETS = 256;
    /** Candidates by bucket; compared byte-wise (a vectorised intrinsic) before allocating. */
    private static final Interned[][] NAMES_BY_LENGTH = byLength(COMMON_NAMES);
    private static final Interned[][] METHODS_BY_LENGTH = byLength(METHODS);

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

    private Chars() {}

    /** {@return the header name in {@code b[from, from + length)}, interned when common} */
    static String name(byte[] b, int from, int length) {
        return intern(NAMES_BY_LENGTH, b, from, length);
    }

    /** {@return the method in {@code b[from, from + length)}, interned when standard} */
    static String method(byte[] b, int from, int length) {
        return intern(METHODS_BY_LENGTH, b, from, length);
    }

    /**
     * {@return the bytes as ISO-8859-1 characters} The deprecated hibyte constructor is exactly
     * ISO-8859-1 decoding and, unlike the Charset one, goes straight to an array copy; profiling
     * showed the Charset path as the largest cost of parsing a head.
     */
    @SuppressWarnings("deprecation")
    static String latin1(byte[] b, int from, int length) {
        return new String(b, 0, from, length);
    }

    private static String intern(Interned[][] table, byte[] b, int from, int length) {
        if (length > 0 && length < MAX_INTERNED) {
            for (Interned candidate : table[bucket(length, b[from], b[from + length - 1])]) {
                if (candidate.bytes.length == length
                        && Arrays.equals(candidate.bytes, 0, length, b, from, from + length)) {
                    return candidate.string;
                }
            }
        }
        return latin1(b, from, length);
    }

    /** Buckets by length and first and last byte, so that a lookup usually compares once. */
    private static int bucket(int length, byte first, byte last) {
        return (length * 31 + first * 7 + last) & (BUCKETS - 1);
    }

    private record Interned(String string, byte[] bytes) {}

    private static Interned[][] byLength(String[] strings) {
        Interned[][] table = new Interned[BUCKETS][0];
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
            int bucket = bucket(bytes.length, bytes[0], bytes[bytes.length - 1]);
            Interned[] row = Arrays.copyOf(table[bucket], table[bucket].length + 1);
            row[row.length - 1] = new Interned(s, bytes);
            table[bucket] = row;
        }
        return table;
    }

    /** {@return whether value equals the lower-case ASCII string {@code lower}, folding only ASCII} */
    static boolean equalsAsciiIgnoreCase(String value, String lower) {
        if (value.length() != lower.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char l = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            if (l != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
