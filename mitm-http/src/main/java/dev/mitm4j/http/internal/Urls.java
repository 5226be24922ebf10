package dev.mitm4j.http.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * URL and authority helpers with mitmproxy's semantics: default ports 80/443, bracketed IPv6
 * literals, host validation, and the split of a request path into path, query and fragment.
 */
public final class Urls {
    private static final Pattern AUTHORITY =
            Pattern.compile("^([^:\\[\\]]+|\\[[^\\]]+\\])(?::(\\d+))?$");
    private static final Pattern HOST_LABELS =
            Pattern.compile("^[^\\x00-\\x20/\\\\?#@\\[\\]\"<>|%^`{}]+$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+(%[^\\]]+)?$");

    private Urls() {}

    /** A host and an optional port; {@code port} is null when the authority named none. */
    public record HostPort(String host, @Nullable Integer port) {}

    /** A parsed absolute URL, path always starting with "/". */
    public record ParsedUrl(String scheme, String host, int port, String path) {}

    /** {@return 80 for http, 443 for https, else null} */
    public static @Nullable Integer defaultPort(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> null;
        };
    }

    /**
     * Splits an authority ("host", "host:port", "[v6]:port") into host (without brackets) and
     * port.
     *
     * @throws IllegalArgumentException when malformed and {@code check}; otherwise a malformed
     *     authority comes back whole as the host, without a port
     */
    public static HostPort parseAuthority(String authority, boolean check) {
        Matcher m = AUTHORITY.matcher(authority);
        if (m.matches()) {
            String host = m.group(1);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            Integer port = m.group(2) == null ? null : parsePort(m.group(2));
            if (isValidHost(host) && (m.group(2) == null || port != null)) {
                return new HostPort(host, port);
            }
        }
        if (check) {
            throw new IllegalArgumentException("invalid authority: " + printable(authority));
        }
        return new HostPort(authority, null);
    }

    /** {@return the host, with ":port" unless it is the scheme's default; IPv6 bracketed} */
    public static String hostport(String scheme, String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        Integer def = defaultPort(scheme);
        return def != null && def == port ? h : h + ":" + port;
    }

    /** {@return "scheme://hostport" followed by {@code path}} */
    public static String unparse(String scheme, String host, int port, String path) {
        return scheme + "://" + hostport(scheme, host, port) + path;
    }

    /**
     * Parses an absolute URL. The port defaults to 443 for https and 80 otherwise, userinfo is
     * dropped and the path gains a leading "/".
     *
     * @throws IllegalArgumentException naming the problem when the URL has no scheme or no valid
     *     host or port
     */
    public static ParsedUrl parseUrl(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0 || !url.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("URL needs a scheme and '://': " + printable(url));
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = url.substring(sep + 3);
        int end = indexOfAny(rest, "/?#");
        String authority = end < 0 ? rest : rest.substring(0, end);
        String path = end < 0 ? "" : rest.substring(end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("URL has no host: " + printable(url));
        }
        HostPort hp = parseAuthority(authority, true);
        int port = hp.port() != null ? hp.port() : scheme.equals("https") ? 443 : 80;
        return new ParsedUrl(scheme, hp.host(), port, path.startsWith("/") ? path : "/" + path);
    }

    /** {@return whether {@code host} is a plausible DNS name, IPv4 or bare IPv6 literal} */
    public static boolean isValidHost(String host) {
        if (host.isEmpty() || host.length() > 255) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return IPV6.matcher(host).matches();
        }
        return HOST_LABELS.matcher(host).matches();
    }

    /** {@return the part of {@code path} before "?" and "#"} */
    public static String pathOnly(String path) {
        int i = indexOfAny(path, "?#");
        return i < 0 ? path : path.substring(0, i);
    }

    /** {@return the query of {@code path} (between "?" and "#"), "" when none} */
    public static String query(String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return "";
        }
        int f = path.indexOf('#', q);
        return f < 0 ? path.substring(q + 1) : path.substring(q + 1, f);
    }

    /** {@return the fragment of {@code path} (after "#"), "" when none} */
    public static String fragment(String path) {
        int f = path.indexOf('#');
        return f < 0 ? "" : path.substring(f + 1);
    }

    /** {@return a path from its parts; "?" and "#" appear only before non-empty parts} */
    public static String joinPath(String path, String query, String fragment) {
        StringBuilder sb = new StringBuilder(path);
        if (!query.isEmpty()) {
            sb.append('?').append(query);
        }
        if (!fragment.isEmpty()) {
            sb.append('#').append(fragment);
        }
        return sb.toString();
    }

    private static @Nullable Integer parsePort(String digits) {
        if (digits.length() > 5) {
            return null;
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? port : null;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Keeps messages safe to log: control characters escaped, length bounded. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 200); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int) c)
                    : String.valueOf(c));
        }
        return s.length() > 200 ? sb + "..." : sb.toString();
    }
}
