package dev.mitm4j.filter.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Formats socket addresses as mitmproxy's {@code ~src}/{@code ~dst} see them: {@code host:port},
 * where the host is the name the address was made with, or the IP address in its usual text form
 * (IPv6 compressed as Python prints it, e.g. {@code ::1}, without brackets or scope).
 */
final class Addresses {
    private Addresses() {
    }

    static String format(InetSocketAddress address) {
        return host(address) + ":" + address.getPort();
    }

    private static String host(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String name = address.getHostString();
        if (ip == null || !name.equals(ip.getHostAddress())) {
            return name;
        }
        return ip instanceof Inet6Address ? compress(ip.getAddress()) : name;
    }

    /** RFC 5952 text: lowercase hex, the longest run (of two or more) of zero groups as "::". */
    static String compress(byte[] ip) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
            } else {
                if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(groups[i]));
            }
        }
        return sb.toString();
    }
}
