package dev.mitm4j.examples.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** mitmproxy's human-readable sizes and addresses ({@code mitmproxy/utils/human.py}). */
public final class Human {
    private static final String[] SUFFIXES = {"b", "k", "m", "g", "t"};

    private Human() {}

    /** {@return a size as mitmdump prints it: 0b, 512b, 1k, 1.21k, 3.5m} */
    public static String prettySize(long size) {
        for (int i = 0; i < SUFFIXES.length; i++) {
            long limit = 1L << (10 * (i + 1));
            if (size < limit || i == SUFFIXES.length - 1) {
                BigDecimal value = BigDecimal.valueOf(size)
                        .divide(BigDecimal.valueOf(limit >> 10), 2, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros();
                return value.toPlainString() + SUFFIXES[i];
            }
        }
        throw new AssertionError("unreachable");
    }

    /** {@return "host:port", "[v6]:port" for IPv6; IPv4-mapped IPv6 shown as IPv4} */
    public static String formatAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = zone < 0 ? host : host.substring(0, zone);
            return "[" + compress(host) + "]:" + address.getPort();
        }
        return host + ":" + address.getPort();
    }

    /** {@return a Java IPv6 text (0:0:0:0:0:0:0:1) in the short form (::1)} */
    private static String compress(String full) {
        String s = ":" + full + ":";
        String best = null;
        for (int n = 8; n >= 2 && best == null; n--) {
            String run = ":" + "0:".repeat(n);
            if (s.contains(run)) {
                best = run;
            }
        }
        if (best == null) {
            return full;
        }
        String shortened = s.replaceFirst(java.util.regex.Pattern.quote(best), "::");
        if (shortened.startsWith(":") && !shortened.startsWith("::")) {
            shortened = shortened.substring(1);
        }
        if (shortened.endsWith(":") && !shortened.endsWith("::")) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return shortened;
    }
}
