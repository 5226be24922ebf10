package dev.mitm4j.examples.proxyprotocol;

import dev.mitm4j.examples.proxyprotocol.ProxyHeader.Command;
import dev.mitm4j.examples.proxyprotocol.ProxyHeader.Tlv;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import okio.ByteString;

/**
 * The binary form (v2) of the PROXY protocol, read strictly:
 * <pre>
 * offset 0   12-byte signature  \r\n\r\n\0\r\nQUIT\n
 *        12  version (high nibble, 2) and command (low nibble: 0 LOCAL, 1 PROXY)
 *        13  family (high: 0 UNSPEC, 1 INET, 2 INET6, 3 UNIX) and transport (low: 0 UNSPEC,
 *            1 STREAM, 2 DGRAM)
 *        14  length of what follows, big-endian, at most the configured limit
 *        16  addresses (INET 12 bytes, INET6 36, UNIX 216, UNSPEC none), then TLVs
 * </pre>
 * A PROXY command over INET or INET6 must say STREAM (this is a TCP proxy). TLVs must fill the
 * rest exactly; a {@link Tlv#CRC32C} must match the header, {@link Tlv#UNIQUE_ID} is at most
 * 128 bytes, {@link Tlv#SSL} holds a client byte, a 4-byte verify result and TLVs of its own
 * that fill it exactly. Unknown types are kept, as the specification asks.
 */
final class V2Parser {
    /** The signature every v2 header starts with. */
    static final ByteString SIGNATURE = ByteString.of((byte) 0x0D, (byte) 0x0A, (byte) 0x0D,
            (byte) 0x0A, (byte) 0x00, (byte) 0x0D, (byte) 0x0A, (byte) 0x51, (byte) 0x55,
            (byte) 0x49, (byte) 0x54, (byte) 0x0A);
    /** The signature, version, command, family and length. */
    static final int FIXED_LENGTH = 16;
    /** The largest address block (two UNIX paths): no limit below it is useful. */
    static final int UNIX_ADDRESSES = 216;
    /** The longest {@link Tlv#UNIQUE_ID} the specification allows. */
    static final int MAX_UNIQUE_ID = 128;
    private static final int INET_ADDRESSES = 12;
    private static final int INET6_ADDRESSES = 36;
    private static final int SSL_FIXED = 5;

    private final byte[] header;
    private final List<Tlv> tlvs = new ArrayList<>();

    private V2Parser(byte[] header) {
        this.header = header;
    }

    /**
     * Checks the fixed part: version, command, family, transport, and the declared length
     * against {@code maxLength}. {@return the declared length}
     *
     * @param fixed the first {@link #FIXED_LENGTH} bytes, signature included
     * @throws ProxyProtocolException naming the offset of the first fault
     */
    static int length(byte[] fixed, int maxLength) throws ProxyProtocolException {
        int version = (fixed[12] & 0xf0) >> 4;
        int command = fixed[12] & 0x0f;
        if (version != 2) {
            throw fail(12, "the version nibble is not 2");
        }
        if (command > 1) {
            throw fail(12, "the command is neither LOCAL (0) nor PROXY (1)");
        }
        int family = (fixed[13] & 0xf0) >> 4;
        int transport = fixed[13] & 0x0f;
        if (family > 3) {
            throw fail(13, "the address family is not UNSPEC, INET, INET6 or UNIX");
        }
        if (transport > 2) {
            throw fail(13, "the transport is not UNSPEC, STREAM or DGRAM");
        }
        if (command == 1 && (family == 1 || family == 2) && transport != 1) {
            throw fail(13, "a proxied IPv4 or IPv6 connection is not STREAM (this is TCP)");
        }
        int length = ((fixed[14] & 0xff) << 8) | (fixed[15] & 0xff);
        if (length > maxLength) {
            throw fail(14, "the length is over the limit of " + maxLength + " bytes");
        }
        if (length < addressLength(family)) {
            throw fail(14, "the length is shorter than the family's addresses");
        }
        return length;
    }

    /**
     * {@return the header of {@code header}}: its {@link #FIXED_LENGTH} bytes, already checked
     * by {@link #length}, and the declared length after them
     *
     * @throws ProxyProtocolException naming the offset of the first fault
     */
    static ProxyHeader parse(byte[] header) throws ProxyProtocolException {
        return new V2Parser(header).header();
    }

    private ProxyHeader header() throws ProxyProtocolException {
        Command command = (header[12] & 0x0f) == 1 ? Command.PROXY : Command.LOCAL;
        int family = (header[13] & 0xf0) >> 4;
        int tlvStart = FIXED_LENGTH + addressLength(family);
        tlvs(tlvStart, header.length, true);
        InetSocketAddress source = null;
        InetSocketAddress destination = null;
        if (command == Command.PROXY && (family == 1 || family == 2)) {
            int size = family == 1 ? 4 : 16;
            int at = FIXED_LENGTH;
            source = new InetSocketAddress(address(at, size), port(at + 2 * size));
            destination = new InetSocketAddress(address(at + size, size),
                    port(at + 2 * size + 2));
        }
        return new ProxyHeader(2, command, source, destination, tlvs, header.length);
    }

    /** Reads the TLVs in {@code [from, to)}; at the top level they are kept. */
    private void tlvs(int from, int to, boolean top) throws ProxyProtocolException {
        int at = from;
        while (at < to) {
            if (to - at < 3) {
                throw fail(at, "a TLV is cut short before its length");
            }
            int type = header[at] & 0xff;
            int length = ((header[at + 1] & 0xff) << 8) | (header[at + 2] & 0xff);
            int value = at + 3;
            if (length > to - value) {
                throw fail(at, "a TLV's length runs past the end of " + (top ? "the header"
                        : "its SSL TLV"));
            }
            if (top) {
                check(type, at, value, length);
                tlvs.add(new Tlv(type, ByteString.of(header, value, length)));
            }
            at = value + length;
        }
    }

    private void check(int type, int at, int value, int length) throws ProxyProtocolException {
        switch (type) {
            case Tlv.CRC32C -> crc32c(at, value, length);
            case Tlv.UNIQUE_ID -> {
                if (length > MAX_UNIQUE_ID) {
                    throw fail(at, "the UNIQUE_ID TLV is longer than 128 bytes");
                }
            }
            case Tlv.SSL -> {
                if (length < SSL_FIXED) {
                    throw fail(at, "the SSL TLV is shorter than its client and verify fields");
                }
                tlvs(value + SSL_FIXED, value + length, false);
            }
            default -> { } // any other type is kept as it is
        }
    }

    /** The checksum covers the whole header with the checksum's own four bytes set to zero. */
    private void crc32c(int at, int value, int length) throws ProxyProtocolException {
        if (length != 4) {
            throw fail(at, "the CRC32C TLV is not 4 bytes long");
        }
        byte[] zeroed = Arrays.copyOf(header, header.length);
        Arrays.fill(zeroed, value, value + 4, (byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(zeroed);
        long expected = ((header[value] & 0xffL) << 24) | ((header[value + 1] & 0xffL) << 16)
                | ((header[value + 2] & 0xffL) << 8) | (header[value + 3] & 0xffL);
        if (crc.getValue() != expected) {
            throw fail(at, "the CRC32C does not match the header");
        }
    }

    private InetAddress address(int at, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(header, at, at + size));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    private int port(int at) {
        return ((header[at] & 0xff) << 8) | (header[at + 1] & 0xff);
    }

    private static int addressLength(int family) {
        return switch (family) {
            case 1 -> INET_ADDRESSES;
            case 2 -> INET6_ADDRESSES;
            case 3 -> UNIX_ADDRESSES;
            default -> 0;
        };
    }

    private static ProxyProtocolException fail(int offset, String reason) {
        return new ProxyProtocolException(2, offset, reason);
    }
}
