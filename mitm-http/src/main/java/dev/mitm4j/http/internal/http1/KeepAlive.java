package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Whether an HTTP/1 connection carries another message after this one (RFC 9112 section 9.3):
 * one decision for the messages the reader reads and those the writer writes. A message keeps
 * its connection unless its body lasts until the connection closes, its {@code Connection} field
 * lists the {@code close} token, or it is HTTP/1.0 without the {@code keep-alive} token. Tokens
 * are matched whole and case-insensitively ({@code Connection: keep-alive, Close} closes).
 * Stateless and thread-safe.
 */
public final class KeepAlive {
    private KeepAlive() {}

    /**
     * {@return whether the connection stays open after a message of {@code version} with
     * {@code headers}, whose body is delimited as {@code framing}}
     */
    public static boolean persists(String version, Headers headers, BodyFraming framing) {
        if (framing.kind() == BodyFraming.Kind.UNTIL_CLOSE) {
            return false;
        }
        String connection = headers.get("Connection");
        if (hasToken(connection, "close")) {
            return false;
        }
        return !version.equals(StartLines.HTTP_1_0) || hasToken(connection, "keep-alive");
    }

    /** {@return whether the comma-separated {@code list} holds {@code token}, ignoring case} */
    static boolean hasToken(@Nullable String list, String token) {
        if (list == null) {
            return false;
        }
        int n = list.length();
        int start = 0;
        while (start <= n) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int from = start;
            int to = end;
            while (from < to && isOws(list.charAt(from))) {
                from++;
            }
            while (to > from && isOws(list.charAt(to - 1))) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, to - from)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
