package dev.mitm4j.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One proxy server to run, as mitmproxy's {@code --mode} spec
 * {@code mode[:data][@[listen_host:]listen_port]}: {@code regular}, {@code transparent},
 * {@code socks5}, {@code reverse:http[s]://host[:port]}, {@code upstream:http[s]://host[:port]}.
 * The mode name is case-insensitive. The optional {@code @} suffix overrides the
 * {@code listen_host}/{@code listen_port} options for this server only.
 *
 * <p>Values are immutable records; each one's {@code toString()} gives the canonical spec, which
 * {@link #parse} reads back to an equal value. Parsing checks the syntax only: a server may still
 * refuse a mode it does not support (mitm4j does not implement {@code transparent} yet).
 */
public sealed interface ProxyMode {
    /** The accepted spec forms, for messages and help texts. */
    String FORMS = "regular, transparent, socks5, reverse:http[s]://host[:port], "
            + "upstream:http[s]://host[:port], each optionally followed by @[host:]port";

    /** {@return the host to listen on for this mode, or null to use the listen_host option} */
    @Nullable String listenHost();

    /** {@return the port to listen on for this mode, or null to use the listen_port option} */
    @Nullable Integer listenPort();

    /** {@return the port used when neither the spec nor listen_port names one} */
    default int defaultPort() {
        return 8080;
    }

    /** {@return the mode's name as in the spec: regular, reverse, upstream, socks5, ...} */
    String name();

    /** An explicit HTTP(S) proxy: absolute-form requests and CONNECT. */
    record Regular(@Nullable String listenHost, @Nullable Integer listenPort) implements ProxyMode {
        @Override public String name() {
            return "regular";
        }

        @Override public String toString() {
            return ProxyModes.spec(this, null);
        }
    }

    /** OS-level redirection of connections; parsed, not implemented by mitm4j yet. */
    record Transparent(@Nullable String listenHost, @Nullable Integer listenPort)
            implements ProxyMode {
        @Override public String name() {
            return "transparent";
        }

        @Override public String toString() {
            return ProxyModes.spec(this, null);
        }
    }

    /** A SOCKSv5 proxy (RFC 1928), with optional username/password authentication (RFC 1929). */
    record Socks5(@Nullable String listenHost, @Nullable Integer listenPort) implements ProxyMode {
        @Override public String name() {
            return "socks5";
        }

        @Override public int defaultPort() {
            return 1080;
        }

        @Override public String toString() {
            return ProxyModes.spec(this, null);
        }
    }

    /**
     * A reverse proxy: every request goes to one server.
     *
     * @param scheme {@code http} or {@code https}
     */
    record Reverse(String scheme, String host, int port, @Nullable String listenHost,
            @Nullable Integer listenPort) implements ProxyMode {
        @Override public String name() {
            return "reverse";
        }

        @Override public String toString() {
            return ProxyModes.spec(this, ProxyModes.server(scheme, host, port));
        }
    }

    /**
     * Chains every request to another HTTP(S) proxy.
     *
     * @param scheme {@code http} or {@code https} (how to talk to the upstream proxy)
     */
    record Upstream(String scheme, String host, int port, @Nullable String listenHost,
            @Nullable Integer listenPort) implements ProxyMode {
        @Override public String name() {
            return "upstream";
        }

        @Override public String toString() {
            return ProxyModes.spec(this, ProxyModes.server(scheme, host, port));
        }
    }

    /**
     * {@return the mode {@code spec} describes}
     *
     * @throws IllegalArgumentException naming the spec, what is wrong and the accepted {@link #FORMS}
     */
    static ProxyMode parse(String spec) {
        return ProxyModes.parse(spec);
    }
}

/** Parsing and formatting behind {@link ProxyMode}. */
final class ProxyModes {
    private static final Pattern SERVER =
            Pattern.compile("^(?:([a-zA-Z0-9+.-]+)://)?(\\[[0-9a-fA-F:.%a-zA-Z]+]|[^:/\\[\\]@]+)"
                    + "(?::(\\d+))?/?$");

    private ProxyModes() {}

    static ProxyMode parse(String spec) {
        int at = spec.lastIndexOf('@');
        String body = at < 0 ? spec : spec.substring(0, at);
        String listenHost = null;
        Integer listenPort = null;
        if (at >= 0) {
            String listen = spec.substring(at + 1);
            int colon = listen.lastIndexOf(':');
            if (colon >= 0) {
                listenHost = unbracket(listen.substring(0, colon));
            }
            listenPort = port(spec, listen.substring(colon + 1), "listen port");
        }
        int colon = body.indexOf(':');
        String name = (colon < 0 ? body : body.substring(0, colon)).toLowerCase(Locale.ROOT);
        String data = colon < 0 ? null : body.substring(colon + 1);
        return switch (name) {
            case "regular", "transparent", "socks5" -> simple(spec, name, data, listenHost,
                    listenPort);
            case "reverse", "upstream" -> withServer(spec, name, data, listenHost, listenPort);
            default -> throw bad(spec, "unknown mode \"" + name + "\"");
        };
    }

    private static ProxyMode simple(String spec, String name, @Nullable String data,
            @Nullable String host, @Nullable Integer port) {
        if (data != null) {
            throw bad(spec, "mode " + name + " takes no data after ':'");
        }
        return switch (name) {
            case "regular" -> new ProxyMode.Regular(host, port);
            case "transparent" -> new ProxyMode.Transparent(host, port);
            default -> new ProxyMode.Socks5(host, port);
        };
    }

    private static ProxyMode withServer(String spec, String name, @Nullable String data,
            @Nullable String listenHost, @Nullable Integer listenPort) {
        if (data == null || data.isEmpty()) {
            throw bad(spec, "mode " + name + " needs a server, e.g. " + name
                    + ":http://example.com:8080");
        }
        Matcher m = SERVER.matcher(data);
        if (!m.matches()) {
            throw bad(spec, "\"" + data + "\" is not of the form scheme://host[:port]");
        }
        String scheme = m.group(1) == null ? (name.equals("reverse") ? "https" : "http")
                : m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(spec, "scheme \"" + scheme + "\" is not supported (http or https)");
        }
        String host = unbracket(m.group(2));
        int port = m.group(3) == null ? (scheme.equals("https") ? 443 : 80)
                : port(spec, m.group(3), "port");
        return name.equals("reverse")
                ? new ProxyMode.Reverse(scheme, host, port, listenHost, listenPort)
                : new ProxyMode.Upstream(scheme, host, port, listenHost, listenPort);
    }

    private static int port(String spec, String text, String what) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw bad(spec, what + " \"" + text + "\" is not a number 0..65535");
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host;
    }

    private static IllegalArgumentException bad(String spec, String reason) {
        return new IllegalArgumentException("Invalid proxy mode \"" + spec + "\": " + reason
                + ". Accepted: " + ProxyMode.FORMS);
    }

    static String server(String scheme, String host, int port) {
        return scheme + "://" + bracket(host) + ":" + port;
    }

    static String spec(ProxyMode mode, @Nullable String data) {
        StringBuilder s = new StringBuilder(mode.name());
        if (data != null) {
            s.append(':').append(data);
        }
        if (mode.listenPort() != null) {
            s.append('@');
            if (mode.listenHost() != null) {
                s.append(bracket(mode.listenHost())).append(':');
            }
            s.append(mode.listenPort());
        }
        return s.toString();
    }

    private static String bracket(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
