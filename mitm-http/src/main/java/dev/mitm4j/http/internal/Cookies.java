package dev.mitm4j.http.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Permissive cookie parsing and formatting with mitmproxy's rules: malformed input is kept rather
 * than rejected, duplicates survive, quoted values may use backslash escapes, and one Set-Cookie
 * header may carry several cookies separated by commas (an {@code expires} date's own comma is
 * recognised). Output follows RFC 6265; values with special characters are quoted.
 */
public final class Cookies {
    private static final Set<String> SET_COOKIE_UNQUOTED = Set.of("expires", "path");

    private Cookies() {}

    /** One name/value pair; a null value is a bare token ("HttpOnly"). */
    public record Pair(String name, @Nullable String value) {}

    /** One cookie of a Set-Cookie header; a null value means the header had no "=". */
    public record SetCookie(String name, @Nullable String value, List<Pair> attributes) {}

    /** {@return the name/value pairs of Cookie header values, in order} */
    public static List<Map.Entry<String, String>> parseCookieHeaders(List<String> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String header : headers) {
            Reader r = new Reader(header);
            do {
                String lhs = r.until(";=").stripLeading();
                String rhs = "";
                if (r.at('=')) {
                    r.skip();
                    rhs = r.value(";");
                }
                if (!lhs.isEmpty() || !rhs.isEmpty()) {
                    out.add(Map.entry(lhs, rhs));
                }
                r.skip();
            } while (r.more());
        }
        return out;
    }

    /** {@return a Cookie header value for {@code pairs}} */
    public static String formatCookieHeader(List<Map.Entry<String, String>> pairs) {
        List<Pair> list = pairs.stream().map(e -> new Pair(e.getKey(), e.getValue())).toList();
        return formatPairs(list, Set.of());
    }

    /** {@return the cookies of Set-Cookie header values, in order} */
    public static List<SetCookie> parseSetCookieHeaders(List<String> headers) {
        List<SetCookie> out = new ArrayList<>();
        for (String header : headers) {
            for (List<Pair> pairs : readSetCookiePairs(header)) {
                if (!pairs.isEmpty()) {
                    out.add(new SetCookie(pairs.get(0).name(), pairs.get(0).value(),
                            new ArrayList<>(pairs.subList(1, pairs.size()))));
                }
            }
        }
        return out;
    }

    /** {@return one Set-Cookie header value holding {@code cookies} (comma-separated)} */
    public static String formatSetCookieHeader(List<SetCookie> cookies) {
        List<String> parts = new ArrayList<>();
        for (SetCookie c : cookies) {
            List<Pair> pairs = new ArrayList<>();
            pairs.add(new Pair(c.name(), c.value()));
            pairs.addAll(c.attributes());
            parts.add(formatPairs(pairs, SET_COOKIE_UNQUOTED));
        }
        return String.join(", ", parts);
    }

    /**
     * Shifts the {@code expires} attribute of every cookie in a Set-Cookie value by
     * {@code delta}; an unparsable {@code expires} is removed; {@code Max-Age} is untouched.
     *
     * @throws IllegalArgumentException when a cookie has no name or no value
     */
    public static String refreshSetCookieHeader(String header, Duration delta) {
        List<SetCookie> cookies = parseSetCookieHeaders(List.of(header));
        List<SetCookie> out = new ArrayList<>();
        for (SetCookie c : cookies) {
            if (c.name().isEmpty() || c.value() == null || c.value().isEmpty()) {
                throw new IllegalArgumentException("invalid cookie");
            }
            out.add(new SetCookie(c.name(), c.value(), refreshExpires(c.attributes(), delta)));
        }
        return formatSetCookieHeader(out);
    }

    private static List<Pair> refreshExpires(List<Pair> attrs, Duration delta) {
        String expires = null;
        boolean present = false;
        for (Pair p : attrs) {
            if (p.name().equalsIgnoreCase("expires")) {
                expires = p.value(); // the last one wins, as mitmproxy's CookieAttrs
                present = true;
            }
        }
        if (!present) {
            return attrs;
        }
        Instant when = expires == null ? null : HttpDates.parse(expires);
        List<Pair> out = new ArrayList<>();
        boolean written = false;
        for (Pair p : attrs) {
            if (!p.name().equalsIgnoreCase("expires")) {
                out.add(p);
            } else if (when != null && !written) {
                out.add(new Pair(p.name(), HttpDates.format(when.plus(delta))));
                written = true;
            }
        }
        return out;
    }

    private static List<List<Pair>> readSetCookiePairs(String s) {
        List<List<Pair>> cookies = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        Reader r = new Reader(s);
        do {
            String lhs = r.until(";=,").stripLeading();
            if (r.at('=')) {
                r.skip();
                String rhs = r.value(";,");
                if (lhs.toLowerCase(Locale.ROOT).equals("expires") && rhs.length() <= 3) {
                    r.skip(); // the comma inside "Wdy, DD Mon YYYY ..."
                    rhs = rhs + "," + r.value(";,");
                }
                pairs.add(new Pair(lhs, rhs));
            } else if (!lhs.isEmpty()) {
                pairs.add(new Pair(lhs, null));
            }
            if (r.at(',')) {
                cookies.add(pairs);
                pairs = new ArrayList<>();
            }
            r.skip();
        } while (r.more());
        if (!pairs.isEmpty() || cookies.isEmpty()) {
            cookies.add(pairs);
        }
        return cookies;
    }

    private static String formatPairs(List<Pair> pairs, Set<String> unquoted) {
        List<String> out = new ArrayList<>();
        for (Pair p : pairs) {
            String v = p.value();
            if (v == null) {
                out.add(p.name());
            } else if (!unquoted.contains(p.name().toLowerCase(Locale.ROOT)) && hasSpecial(v)) {
                out.add(p.name() + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            } else {
                out.add(p.name() + "=" + v);
            }
        }
        return String.join("; ", out);
    }

    private static boolean hasSpecial(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\",;\\".indexOf(c) >= 0 || c < 0x21 || c > 0x7E) {
                return true;
            }
        }
        return false;
    }

    /** A cursor over a header value with the tokenizer steps mitmproxy's parser uses. */
    private static final class Reader {
        private final String s;
        private int off;

        Reader(String s) {
            this.s = s;
        }

        boolean more() {
            return off < s.length();
        }

        boolean at(char c) {
            return off < s.length() && s.charAt(off) == c;
        }

        void skip() {
            off++;
        }

        /** Reads up to (not including) one of {@code term}; at the end, steps past it. */
        String until(String term) {
            if (off >= s.length()) {
                off = s.length() + 1;
                return "";
            }
            int start = off;
            while (off < s.length() && term.indexOf(s.charAt(off)) < 0) {
                off++;
            }
            return s.substring(start, off);
        }

        /** Reads a value: a quoted string (backslash escapes) or text up to a delimiter. */
        String value(String delims) {
            if (off >= s.length()) {
                return "";
            }
            if (s.charAt(off) != '"') {
                return until(delims);
            }
            StringBuilder sb = new StringBuilder();
            boolean escaping = false;
            int i = off + 1;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (escaping) {
                    sb.append(c);
                    escaping = false;
                } else if (c == '"') {
                    break;
                } else if (c == '\\') {
                    escaping = true;
                } else {
                    sb.append(c);
                }
            }
            off = Math.min(i, s.length() - 1) + 1;
            return sb.toString();
        }
    }
}
