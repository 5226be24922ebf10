package dev.mitm4j.core.internal;

import dev.mitm4j.core.spi.Destination;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ignore_hosts}, {@code allow_hosts} and {@code tcp_hosts}, compiled once when the server
 * is built: regexes searched (not matched whole) in {@code host:port}, case-insensitively.
 */
public final class HostRules {
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

    /** {@return whether traffic to {@code d} passes through untouched} */
    public boolean passThrough(Destination d) {
        String target = d.authority();
        if (!allow.isEmpty() && !any(allow, target)) {
            return true;
        }
        return any(ignore, target);
    }

    /** {@return whether traffic to {@code d} is handled as raw TCP} */
    public boolean rawTcp(Destination d) {
        return !tcp.isEmpty() && any(tcp, d.authority());
    }

    private static boolean any(List<Pattern> patterns, String target) {
        for (Pattern p : patterns) {
            if (p.matcher(target).find()) {
                return true;
            }
        }
        return false;
    }
}
