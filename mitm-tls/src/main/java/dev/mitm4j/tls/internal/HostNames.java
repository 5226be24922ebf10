package dev.mitm4j.tls.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host name helpers that never touch DNS: telling IP literals from names, IDNA encoding, and the
 * wildcard forms used to look certificates up. Stateless and thread-safe.
 */
public final class HostNames {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%.+)?");

    private HostNames() {}

    /** {@return true when {@code host} is an IPv4 or IPv6 literal (brackets allowed)} */
    public static boolean isIpLiteral(String host) {
        String h = stripBrackets(host);
        return IPV4.matcher(h).matches() || IPV6.matcher(h).matches() && toAddress(h) != null;
    }

    /** {@return the address of an IP literal, or null when it is not one; no DNS lookup} */
    public static @org.jspecify.annotations.Nullable InetAddress toAddress(String literal) {
        String h = stripBrackets(literal);
        if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(h); // a literal: parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@return the host without IPv6 brackets} */
    public static String stripBrackets(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
    }

    /** {@return the ASCII (IDNA) form of a DNS name, lower-cased; as given if not encodable} */
    public static String idna(String name) {
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@return true when certificate name {@code pattern} (possibly {@code *.example.com}, or
     * {@code *} for everything) covers {@code host}}; a wildcard stands for exactly one label.
     */
    public static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = stripBrackets(host).toLowerCase(Locale.ROOT);
        if (p.equals("*") || p.equals(h)) {
            return true;
        }
        if (!p.startsWith("*.")) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1));
    }
}
