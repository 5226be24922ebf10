package dev.mitm4j.core.internal;

import dev.mitm4j.core.spi.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code ignore_hosts}, {@code allow_hosts} and {@code tcp_hosts}, compiled once when the server
 * is built: regexes searched (not matched whole), case-insensitively, as mitmproxy's next_layer
 * does.
 *
 * <p>ignore_hosts and allow_hosts are searched in {@code host:port} names of a connection: the
 * destination's, and, once the client's first bytes are known, its TLS SNI or its HTTP/1 Host
 * header, with the destination port unless the header has one (so a client that connected by IP
 * is still passed through by name). The connection is
 * passed through when any name matches ignore_hosts, or when allow_hosts is set and no name
 * matches it. tcp_hosts is searched in the destination host, its {@code host:port}, and the SNI.
 */
public final class HostRules {
    private static final Pattern WITH_PORT = Pattern.compile(":\\d+$");

    private final List<Pattern> ignore;
    private final List<Pattern> allow;
    private final List<Pattern> tcp;

    public HostRules(List<String> ignore, List<String> allow, List<String> tcp) {
        this.ignore = compile(ignore);
        this.allow = compile(allow);
        this.tcp = compile(tcp);
    }

    private static List<Pattern> compile(List<String> regexes) {
        return regexes.stream().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
    }

    /**
     * {@return the {@code host:port} names of {@code d}, plus {@code name} when known (an SNI, or
     * a Host header value), given the destination port when it has none}
     */
    public static List<String> names(Destination d, @Nullable String name) {
        List<String> names = new ArrayList<>(2);
        names.add(d.authority());
        if (name != null) {
            names.add(WITH_PORT.matcher(name).find() ? name : name + ":" + d.port());
        }
        return names;
    }

    /** {@return whether a connection known by {@code names} passes through untouched} */
    public boolean passThrough(List<String> names) {
        if (!allow.isEmpty() && !any(allow, names)) {
            return true;
        }
        return any(ignore, names);
    }

    /**
     * {@return whether more names (the SNI) could change {@link #passThrough} for a connection
     * now known by {@code names}}: false when nothing is filtered, or when ignore_hosts already
     * matched, or when ignore_hosts is empty and allow_hosts is empty or already matched.
     */
    public boolean undecided(List<String> names) {
        if (any(ignore, names)) {
            return false;
        }
        return !ignore.isEmpty() || (!allow.isEmpty() && !any(allow, names));
    }

    /** {@return whether traffic to {@code d} (with the client's {@code sni}) is raw TCP} */
    public boolean rawTcp(Destination d, @Nullable String sni) {
        if (tcp.isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>(List.of(d.host(), d.authority()));
        if (sni != null) {
            names.add(sni);
        }
        return any(tcp, names);
    }

    private static boolean any(List<Pattern> patterns, List<String> targets) {
        for (Pattern p : patterns) {
            for (String target : targets) {
                if (p.matcher(target).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
