package dev.mitm4j.examples.proxyprotocol;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * A PROXY protocol header, as a load balancer sends it ahead of a client's bytes: who the client
 * really is and which address it connected to.
 *
 * @param version 1 (the text form) or 2 (the binary form)
 * @param command {@link Command#PROXY} for a relayed client, {@link Command#LOCAL} for a
 *     connection the load balancer made itself (a health check)
 * @param source the client's address, or null when the header gives none (v1
 *     {@code UNKNOWN}, v2 {@code LOCAL}, or a v2 family other than IPv4 and IPv6)
 * @param destination the address the client connected to, null exactly when {@code source} is
 * @param tlvs the v2 type-length-value fields in order (empty for v1); {@link Tlv#CRC32C} among
 *     them was verified
 * @param length how many bytes the header took on the wire
 */
public record ProxyHeader(int version, Command command, @Nullable InetSocketAddress source,
        @Nullable InetSocketAddress destination, List<Tlv> tlvs, int length) {

    /** Checks the parts. */
    public ProxyHeader {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("version must be 1 or 2: " + version);
        }
        Objects.requireNonNull(command, "command");
        if ((source == null) != (destination == null)) {
            throw new IllegalArgumentException("source and destination come together");
        }
        tlvs = List.copyOf(tlvs);
    }

    /** {@return the value of the first field of {@code type}, or null when there is none} */
    public @Nullable ByteString tlv(int type) {
        for (Tlv tlv : tlvs) {
            if (tlv.type() == type) {
                return tlv.value();
            }
        }
        return null;
    }

    /** What the load balancer says the connection is. */
    public enum Command {
        /** A client's connection, relayed: the addresses are the client's. */
        PROXY,
        /** The load balancer's own connection: the addresses of the socket stand. */
        LOCAL
    }

    /**
     * One v2 type-length-value field.
     *
     * @param type the type, 0..255
     * @param value the value, at most 65535 bytes
     */
    public record Tlv(int type, ByteString value) {
        /** {@code PP2_TYPE_ALPN}: the application protocol the client chose. */
        public static final int ALPN = 0x01;
        /** {@code PP2_TYPE_AUTHORITY}: the host name the client asked for (its SNI). */
        public static final int AUTHORITY = 0x02;
        /** {@code PP2_TYPE_CRC32C}: a checksum of the whole header. */
        public static final int CRC32C = 0x03;
        /** {@code PP2_TYPE_NOOP}: padding. */
        public static final int NOOP = 0x04;
        /** {@code PP2_TYPE_UNIQUE_ID}: the connection's id at the load balancer. */
        public static final int UNIQUE_ID = 0x05;
        /** {@code PP2_TYPE_SSL}: how the client's TLS went, with fields of its own. */
        public static final int SSL = 0x20;
        /** {@code PP2_TYPE_NETNS}: the network namespace the connection came from. */
        public static final int NETNS = 0x30;

        /** Checks the parts. */
        public Tlv {
            if (type < 0 || type > 0xff) {
                throw new IllegalArgumentException("type out of range: " + type);
            }
            Objects.requireNonNull(value, "value");
        }
    }
}
