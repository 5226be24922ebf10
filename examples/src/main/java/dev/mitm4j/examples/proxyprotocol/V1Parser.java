package dev.mitm4j.examples.proxyprotocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text form (v1) of the PROXY protocol, read strictly, left to right:
 * <pre>
 * "PROXY" SP ( "TCP4" SP ipv4 SP ipv4 SP port SP port
 *            | "TCP6" SP ipv6 SP ipv6 SP port SP port
 *            | "UNKNOWN" [ SP anything ] ) CRLF
 * </pre>
 * Fields are separated by exactly one space; IPv4 addresses are four decimal octets without
 * leading zeros; ports are decimal 0..65535 without leading zeros; the line ends with CR LF and
 * has no other CR or LF. Addresses are parsed as literals only: nothing is ever looked up.
 */
final class V1Parser {
    /** The longest v1 header, CR LF included (the specification's 107 bytes). */
    static final int MAX_LENGTH = 107;
    /** The longest textual IPv6 address (with an IPv4 tail). */
    private static final int MAX_IPV6_TEXT = 45;

    private final byte[] line;
    private final int end;
    private int pos = "PROXY ".length();

    private V1Parser(byte[] line) {
        this.line = line;
        this.end = line.length - 2;
    }

    /**
     * {@return the header of {@code line}}: its bytes from {@code PROXY } to the LF, which the
     * caller found within {@link #MAX_LENGTH} bytes
     *
     * @throws ProxyProtocolException naming the offset of the first fault
     */
    static ProxyHeader parse(byte[] line) throws ProxyProtocolException {
        return new V1Parser(line).header();
    }

    private ProxyHeader header() throws ProxyProtocolException {
        if (line[end] != '\r') {
            throw fail(end + 1, "the line ends with LF alone, not CR LF");
        }
        for (int i = 0; i < end; i++) {
            if (line[i] == '\r' || line[i] == '\n') {
                throw fail(i, "CR or LF before the end of the line");
            }
        }
        int at = pos;
        String protocol = field();
        return switch (protocol) {
            case "UNKNOWN" -> unknown();
            case "TCP4", "TCP6" -> tcp(protocol.equals("TCP6"));
            default -> throw fail(at, "the protocol is not TCP4, TCP6 or UNKNOWN");
        };
    }

    /** UNKNOWN: whatever follows a space is ignored, as the specification asks. */
    private ProxyHeader unknown() {
        return new ProxyHeader(1, ProxyHeader.Command.PROXY, null, null, List.of(), line.length);
    }

    private ProxyHeader tcp(boolean six) throws ProxyProtocolException {
        space();
        int sourceAt = pos;
        InetAddress source = address(field(), sourceAt, six);
        space();
        int destinationAt = pos;
        InetAddress destination = address(field(), destinationAt, six);
        space();
        int sourcePort = port();
        space();
        int destinationPort = port();
        if (pos != end) {
            throw fail(pos, "more fields after the destination port");
        }
        return new ProxyHeader(1, ProxyHeader.Command.PROXY,
                new InetSocketAddress(source, sourcePort),
                new InetSocketAddress(destination, destinationPort), List.of(), line.length);
    }

    /** {@return the bytes up to the next space or the end of the line; never empty} */
    private String field() throws ProxyProtocolException {
        int start = pos;
        while (pos < end && line[pos] != ' ') {
            pos++;
        }
        if (pos == start) {
            throw fail(start, "an empty field (two spaces, or a space at the end)");
        }
        return new String(line, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    private void space() throws ProxyProtocolException {
        if (pos >= end || line[pos] != ' ') {
            throw fail(pos, "a field is missing");
        }
        pos++;
    }

    private int port() throws ProxyProtocolException {
        int at = pos;
        String text = field();
        Integer port = decimal(text, 65535);
        if (port == null) {
            throw fail(at, "a port is not a decimal number from 0 to 65535 without leading zeros");
        }
        return port;
    }

    private InetAddress address(String text, int at, boolean six) throws ProxyProtocolException {
        InetAddress address = six ? ipv6(text) : ipv4(text);
        if (address == null) {
            throw fail(at, six ? "an address is not an IPv6 address"
                    : "an address is not an IPv4 address (four decimal octets, no leading zeros)");
        }
        return address;
    }

    private static @Nullable InetAddress ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            Integer octet = decimal(octets[i], 255);
            if (octet == null) {
                return null;
            }
            bytes[i] = (byte) (int) octet;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }

    /**
     * An IPv6 literal: hex digits, colons and the dots of an IPv4 tail, starting with a hex digit
     * or a colon and holding a colon, which makes the JDK parse it as a literal (it looks
     * nothing up); no zone.
     */
    private static @Nullable InetAddress ipv6(String text) {
        if (text.length() > MAX_IPV6_TEXT || text.indexOf(':') < 0
                || Character.digit(text.charAt(0), 16) < 0 && text.charAt(0) != ':') {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            // An IPv4-mapped address comes back as an IPv4 address: the client's all the same.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@return the decimal {@code text} when it is 0..max without leading zeros, else null} */
    private static @Nullable Integer decimal(String text, int max) {
        if (text.isEmpty() || text.length() > 5 || text.length() > 1 && text.charAt(0) == '0') {
            return null;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : null;
    }

    private static ProxyProtocolException fail(int offset, String reason) {
        return new ProxyProtocolException(1, offset, reason);
    }
}
