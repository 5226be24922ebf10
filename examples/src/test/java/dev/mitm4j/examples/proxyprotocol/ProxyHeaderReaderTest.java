package dev.mitm4j.examples.proxyprotocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.examples.proxyprotocol.ProxyHeader.Command;
import dev.mitm4j.examples.proxyprotocol.ProxyHeader.Tlv;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/**
 * Hand-written PROXY protocol headers, valid and malformed, each read whole and again arriving
 * one byte at a time. A malformed header is refused naming the offset of its first fault.
 */
class ProxyHeaderReaderTest {
    private static final String REST = "GET / HTTP/1.1\r\n";
    private static final ProxyHeaderReader READER =
            new ProxyHeaderReader(ProxyProtocolSelector.DEFAULT_MAX_V2_LENGTH);

    /** v2 signature, then "21" (v2, PROXY), family and transport, length: the fixed 16 bytes. */
    private static final String SIGNATURE = "0d0a0d0a000d0a515549540a";
    /** 192.0.2.10:51234 to 198.51.100.1:443, IPv4 addresses and ports. */
    private static final String INET = "c000020a" + "c6336401" + "c822" + "01bb";
    /** [2001:db8::1]:51234 to [2001:db8::2]:443. */
    private static final String INET6 = "20010db8000000000000000000000001"
            + "20010db8000000000000000000000002" + "c822" + "01bb";

    // ---- v1 ----

    @Test
    void v1Tcp4NamesTheClientAndWhereItConnected() throws IOException {
        String line = "PROXY TCP4 192.0.2.10 198.51.100.1 51234 443\r\n";
        everyWay(ascii(line + REST), (header, rest) -> {
            assertEquals(1, header.version());
            assertEquals(Command.PROXY, header.command());
            assertEquals(new InetSocketAddress("192.0.2.10", 51234), header.source());
            assertEquals(new InetSocketAddress("198.51.100.1", 443), header.destination());
            assertEquals(line.length(), header.length());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v1Tcp6NamesTheClientAndWhereItConnected() throws IOException {
        everyWay(ascii("PROXY TCP6 2001:db8::1 2001:db8::2 51234 443\r\n" + REST),
                (header, rest) -> {
                    assertEquals(new InetSocketAddress("2001:db8::1", 51234), header.source());
                    assertEquals(new InetSocketAddress("2001:db8::2", 443),
                            header.destination());
                    assertEquals(REST, rest);
                });
    }

    @Test
    void v1LongestTcp6HeaderIsAccepted() throws IOException {
        String line = "PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
                + "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
        assertEquals(104, line.length()); // the specification's worst case for TCP6
        everyWay(ascii(line + REST), (header, rest) -> {
            assertEquals(65535, header.source().getPort());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v1UnknownKeepsTheSocketsAddressesAndIgnoresTheRestOfTheLine() throws IOException {
        everyWay(ascii("PROXY UNKNOWN\r\n" + REST), (header, rest) -> {
            assertNull(header.source());
            assertNull(header.destination());
            assertEquals(REST, rest);
        });
        String longest = "PROXY UNKNOWN " + "x".repeat(107 - 16) + "\r\n";
        assertEquals(107, longest.length());
        everyWay(ascii(longest + REST), (header, rest) -> {
            assertNull(header.source());
            assertEquals(107, header.length());
            assertEquals(REST, rest);
        });
    }

    @Test
    void malformedV1HeadersAreRefusedAtTheirFirstFault() {
        refused(1, 107, "no CR LF within 107 bytes",
                "PROXY UNKNOWN " + "x".repeat(107 - 15) + "\r\n");
        refused(1, 44, "the line ends with LF alone, not CR LF",
                "PROXY TCP4 192.0.2.10 198.51.100.1 51234 443\n");
        refused(1, 31, "CR or LF before the end of the line",
                "PROXY TCP4 192.0.2.10 198.51.10\r0.1 51234 443\r\n");
        refused(1, 6, "the protocol is not TCP4, TCP6 or UNKNOWN",
                "PROXY TCP5 192.0.2.10 198.51.100.1 51234 443\r\n");
        refused(1, 6, "the protocol is not TCP4, TCP6 or UNKNOWN", "PROXY tcp4 1.2.3.4\r\n");
        refused(1, 6, "the protocol is not TCP4, TCP6 or UNKNOWN", "PROXY UNKNOWNX\r\n");
        refused(1, 6, "an empty field (two spaces, or a space at the end)", "PROXY \r\n");
        refused(1, 11, "an empty field (two spaces, or a space at the end)",
                "PROXY TCP4  192.0.2.10 198.51.100.1 51234 443\r\n");
        refused(1, 11, IPV4, "PROXY TCP4 192.0.2.010 198.51.100.1 51234 443\r\n");
        refused(1, 11, IPV4, "PROXY TCP4 192.0.2.256 198.51.100.1 51234 443\r\n");
        refused(1, 11, IPV4, "PROXY TCP4 192.0.2 198.51.100.1 51234 443\r\n");
        refused(1, 11, IPV4, "PROXY TCP4 2001:db8::1 198.51.100.1 51234 443\r\n");
        refused(1, 22, IPV4, "PROXY TCP4 192.0.2.10 example.com 51234 443\r\n");
        refused(1, 11, IPV6, "PROXY TCP6 localhost 2001:db8::2 51234 443\r\n");
        refused(1, 11, IPV6, "PROXY TCP6 2001:db8::1%1 2001:db8::2 51234 443\r\n");
        refused(1, 11, IPV6, "PROXY TCP6 2001:db8:::1 2001:db8::2 51234 443\r\n");
        refused(1, 11, IPV6, "PROXY TCP6 192.0.2.10 2001:db8::2 51234 443\r\n");
        refused(1, 35, PORT, "PROXY TCP4 192.0.2.10 198.51.100.1 65536 443\r\n");
        refused(1, 35, PORT, "PROXY TCP4 192.0.2.10 198.51.100.1 05123 443\r\n");
        refused(1, 35, PORT, "PROXY TCP4 192.0.2.10 198.51.100.1 -1 443\r\n");
        refused(1, 35, PORT, "PROXY TCP4 192.0.2.10 198.51.100.1 +1234 443\r\n");
        refused(1, 40, "a field is missing", "PROXY TCP4 192.0.2.10 198.51.100.1 51234\r\n");
        refused(1, 44, "more fields after the destination port",
                "PROXY TCP4 192.0.2.10 198.51.100.1 51234 443 7\r\n");
        refused(1, 6, "the protocol is not TCP4, TCP6 or UNKNOWN", "PROXY UNKNOWN\t\r\n");
        refused(1, 44, "the connection ended inside the header",
                "PROXY TCP4 192.0.2.10 198.51.100.1 51234 443");
    }

    // ---- v2 ----

    @Test
    void v2ProxyOverIpv4NamesTheClient() throws IOException {
        everyWay(hex(SIGNATURE + "2111000c" + INET), REST, (header, rest) -> {
            assertEquals(2, header.version());
            assertEquals(Command.PROXY, header.command());
            assertEquals(new InetSocketAddress("192.0.2.10", 51234), header.source());
            assertEquals(new InetSocketAddress("198.51.100.1", 443), header.destination());
            assertEquals(List.of(), header.tlvs());
            assertEquals(28, header.length());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v2ProxyOverIpv6NamesTheClient() throws IOException {
        everyWay(hex(SIGNATURE + "21210024" + INET6), REST, (header, rest) -> {
            assertEquals(new InetSocketAddress("2001:db8::1", 51234), header.source());
            assertEquals(new InetSocketAddress("2001:db8::2", 443), header.destination());
            assertEquals(52, header.length());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v2TlvsAreReadAndTheChecksumVerified() throws IOException {
        String header = SIGNATURE + "2111003f" + INET
                + "02000b" + ascii("example.com").hex()      // AUTHORITY
                + "050004" + "deadbeef"                      // UNIQUE_ID
                + "040002" + "0000"                          // NOOP
                + "20000f" + "07" + "00000000"              // SSL: client, verify
                + "210007" + ascii("TLSv1.3").hex()          //   SSL_VERSION
                + "030004" + "8173cfcb";                     // CRC32C of the whole header
        everyWay(hex(header), REST, (read, rest) -> {
            assertEquals(new InetSocketAddress("192.0.2.10", 51234), read.source());
            assertEquals(List.of(Tlv.AUTHORITY, Tlv.UNIQUE_ID, Tlv.NOOP, Tlv.SSL, Tlv.CRC32C),
                    read.tlvs().stream().map(Tlv::type).toList());
            assertEquals("example.com", read.tlv(Tlv.AUTHORITY).utf8());
            assertEquals("deadbeef", read.tlv(Tlv.UNIQUE_ID).hex());
            assertEquals(79, read.length());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v2IpV6WithAnAuthorityAndAChecksum() throws IOException {
        String header = SIGNATURE + "21210039" + INET6
                + "02000b" + ascii("example.com").hex() + "030004" + "d0683cda";
        everyWay(hex(header), REST, (read, rest) -> {
            assertEquals(new InetSocketAddress("2001:db8::1", 51234), read.source());
            assertEquals("example.com", read.tlv(Tlv.AUTHORITY).utf8());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v2LocalKeepsTheSocketsAddresses() throws IOException {
        everyWay(hex(SIGNATURE + "20000000"), REST, (header, rest) -> {
            assertEquals(Command.LOCAL, header.command());
            assertNull(header.source());
            assertEquals(16, header.length());
            assertEquals(REST, rest);
        });
        // A health check may still carry addresses; LOCAL means they are not a client's.
        everyWay(hex(SIGNATURE + "2011000c" + INET), REST, (header, rest) -> {
            assertEquals(Command.LOCAL, header.command());
            assertNull(header.source());
            assertEquals(REST, rest);
        });
    }

    @Test
    void v2UnspecifiedAndUnixFamiliesKeepTheSocketsAddresses() throws IOException {
        everyWay(hex(SIGNATURE + "21000000"), REST, (header, rest) -> {
            assertEquals(Command.PROXY, header.command());
            assertNull(header.source());
        });
        everyWay(hex(SIGNATURE + "213100d8" + "00".repeat(216)), REST, (header, rest) -> {
            assertNull(header.source());
            assertEquals(REST, rest);
        });
    }

    @Test
    void malformedV2HeadersAreRefusedAtTheirFirstFault() {
        refused(2, 12, "the version nibble is not 2", hex(SIGNATURE + "1111000c" + INET));
        refused(2, 12, "the command is neither LOCAL (0) nor PROXY (1)",
                hex(SIGNATURE + "2211000c" + INET));
        refused(2, 13, "the address family is not UNSPEC, INET, INET6 or UNIX",
                hex(SIGNATURE + "2141000c" + INET));
        refused(2, 13, "the transport is not UNSPEC, STREAM or DGRAM",
                hex(SIGNATURE + "2113000c" + INET));
        refused(2, 13, "a proxied IPv4 or IPv6 connection is not STREAM (this is TCP)",
                hex(SIGNATURE + "2112000c" + INET));
        refused(2, 14, "the length is over the limit of 2048 bytes",
                hex(SIGNATURE + "21110801" + INET));
        refused(2, 14, "the length is shorter than the family's addresses",
                hex(SIGNATURE + "2111000b" + INET.substring(0, 22)));
        refused(2, 14, "the length is shorter than the family's addresses",
                hex(SIGNATURE + "21210023" + INET6.substring(0, 70)));
        refused(2, 28, "a TLV is cut short before its length",
                hex(SIGNATURE + "2111000e" + INET + "0200"));
        refused(2, 28, "a TLV's length runs past the end of the header",
                hex(SIGNATURE + "21110011" + INET + "020003" + "6162"));
        refused(2, 28, "the CRC32C does not match the header",
                hex(SIGNATURE + "21110013" + INET + "030004" + "00000000"));
        refused(2, 28, "the CRC32C TLV is not 4 bytes long",
                hex(SIGNATURE + "21110012" + INET + "030003" + "000000"));
        refused(2, 28, "the UNIQUE_ID TLV is longer than 128 bytes",
                hex(SIGNATURE + "21110090" + INET + "050081" + "00".repeat(129)));
        refused(2, 28, "the SSL TLV is shorter than its client and verify fields",
                hex(SIGNATURE + "21110013" + INET + "200004" + "07000000"));
        refused(2, 36, "a TLV's length runs past the end of its SSL TLV",
                hex(SIGNATURE + "21110018" + INET + "200009" + "0700000000" + "210005" + "61"));
        refused(2, 22, "the connection ended inside the header",
                hex(SIGNATURE + "2111000c" + INET.substring(0, 12)));
        refused(2, 14, "the connection ended inside the header", hex(SIGNATURE + "2111"));
    }

    @Test
    void theV2LimitIsConfigurable() {
        ProxyHeaderReader strict = new ProxyHeaderReader(216);
        ProxyProtocolException e = assertThrows(ProxyProtocolException.class,
                () -> strict.read(Okio.buffer((Source) new Buffer().write(
                        hex(SIGNATURE + "211100d9" + INET + "0400cd" + "00".repeat(205))))));
        assertEquals("PROXY protocol v2 header, offset 14: the length is over the limit of 216"
                + " bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ProxyProtocolSelector.builder().maxV2Length(215));
        assertThrows(IllegalArgumentException.class,
                () -> ProxyProtocolSelector.builder().maxV2Length(65536));
    }

    // ---- neither ----

    @Test
    void otherBytesAreNotAHeaderAndStayUnread() throws IOException {
        for (String other : List.of(REST, "PROXZ TCP4", "proxy tcp4 1.2.3.4", "\r\n\r\nQUIT",
                "\u0016\u0003\u0001")) {
            for (Function<ByteString, BufferedSource> delivery : deliveries()) {
                BufferedSource source = delivery.apply(ascii(other));
                assertNull(READER.read(source), other);
                assertEquals(other, source.readString(ISO_8859_1));
            }
        }
    }

    // ---- helpers ----

    private static final String IPV4 =
            "an address is not an IPv4 address (four decimal octets, no leading zeros)";
    private static final String IPV6 = "an address is not an IPv6 address";
    private static final String PORT =
            "a port is not a decimal number from 0 to 65535 without leading zeros";

    interface Check {
        void accept(ProxyHeader header, String rest) throws IOException;
    }

    private static void everyWay(ByteString bytes, Check check) throws IOException {
        for (Function<ByteString, BufferedSource> delivery : deliveries()) {
            BufferedSource source = delivery.apply(bytes);
            ProxyHeader header = READER.read(source);
            if (header == null) {
                throw new AssertionError("not read as a header");
            }
            check.accept(header, source.readString(ISO_8859_1));
        }
    }

    private static void everyWay(ByteString header, String rest, Check check) throws IOException {
        everyWay(new Buffer().write(header).writeUtf8(rest).readByteString(), check);
    }

    private static void refused(int version, int offset, String reason, String header) {
        refused(version, offset, reason, ascii(header));
    }

    private static void refused(int version, int offset, String reason, ByteString header) {
        for (Function<ByteString, BufferedSource> delivery : deliveries()) {
            ProxyProtocolException e = assertThrows(ProxyProtocolException.class,
                    () -> READER.read(delivery.apply(header)), header::hex);
            assertEquals("PROXY protocol v" + version + " header, offset " + offset + ": "
                    + reason, e.getMessage(), header.hex());
            assertEquals(offset, e.offset());
            assertEquals(version, e.version());
        }
    }

    /** All at once, and one byte per read. */
    private static List<Function<ByteString, BufferedSource>> deliveries() {
        return List.of(bytes -> new Buffer().write(bytes), ProxyHeaderReaderTest::oneByteAtATime);
    }

    private static BufferedSource oneByteAtATime(ByteString bytes) {
        return Okio.buffer(new Source() {
            private int next;

            @Override
            public long read(Buffer sink, long byteCount) {
                if (next == bytes.size()) {
                    return -1;
                }
                sink.writeByte(bytes.getByte(next++));
                return 1;
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {}
        });
    }

    private static ByteString ascii(String text) {
        return ByteString.encodeString(text, ISO_8859_1);
    }

    private static ByteString hex(String hex) {
        return ByteString.decodeHex(hex);
    }
}
