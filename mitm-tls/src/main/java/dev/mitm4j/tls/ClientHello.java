package dev.mitm4j.tls;

import dev.mitm4j.tls.internal.HelloRecords;
import dev.mitm4j.tls.internal.HelloReader;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The facts of a TLS ClientHello that a proxy decides on: the server name (SNI), the offered
 * application protocols (ALPN), versions, cipher suites and the extensions in order.
 *
 * <p>{@link #parse(byte[])} reads raw bytes as they come off the wire: TLS records (type 22,
 * handshake) carrying a ClientHello handshake message, which may be split across several
 * records. It checks every length against its container and rejects anything that does not add
 * up with a {@link ClientHelloException} that gives the offset and what was expected there;
 * being a pure function of a byte array, it never blocks or hangs.
 *
 * <p>To read a hello from a socket without consuming it, peek and ask how many more bytes are
 * needed:
 * <pre>{@code
 * byte[] buf = peekAtLeast(5);
 * for (int need; (need = ClientHello.bytesNeeded(buf, buf.length)) > 0; ) {
 *     buf = peekAtLeast(buf.length + need);    // at most 16 KiB + a few records for any hello
 * }
 * ClientHello hello = ClientHello.parse(buf);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Versions and cipher suites are the 16-bit code points of the
 * IANA registries (0x0303 is TLS 1.2, 0x0304 TLS 1.3); GREASE values are kept as sent.
 */
public final class ClientHello {
    /** Largest handshake message accepted (a hello with post-quantum key shares is ~2 KiB). */
    public static final int MAX_HELLO_LENGTH = 64 * 1024;

    private final int legacyVersion;
    private final List<Integer> cipherSuites;
    private final List<Integer> extensions;
    private final @Nullable String sni;
    private final List<String> alpnProtocols;
    private final List<Integer> supportedVersions;
    private final int recordsLength;

    /** Made by the parser; not for direct use. */
    public ClientHello(int legacyVersion, List<Integer> cipherSuites, List<Integer> extensions,
            @Nullable String sni, List<String> alpnProtocols, List<Integer> supportedVersions,
            int recordsLength) {
        this.legacyVersion = legacyVersion;
        this.cipherSuites = List.copyOf(cipherSuites);
        this.extensions = List.copyOf(extensions);
        this.sni = sni;
        this.alpnProtocols = List.copyOf(alpnProtocols);
        this.supportedVersions = List.copyOf(supportedVersions);
        this.recordsLength = recordsLength;
    }

    /**
     * {@return the hello at the start of {@code data}}; bytes after it are ignored
     *
     * @throws ClientHelloException when the bytes are not a ClientHello, are malformed, or end
     *     before the hello does ({@link ClientHelloException#truncated()})
     */
    public static ClientHello parse(byte[] data) throws ClientHelloException {
        return parse(data, data.length);
    }

    /** {@return the hello in the first {@code length} bytes of {@code data}} */
    public static ClientHello parse(byte[] data, int length) throws ClientHelloException {
        HelloRecords records = HelloRecords.reassemble(data, length);
        return HelloReader.read(records);
    }

    /**
     * {@return 0 when the first {@code length} bytes of {@code data} hold a complete hello, else
     * the least number of further bytes needed before asking again}
     *
     * @throws ClientHelloException when what is there already cannot be a ClientHello (wrong
     *     record type, impossible lengths); never for input that is merely short
     */
    public static int bytesNeeded(byte[] data, int length) throws ClientHelloException {
        return HelloRecords.bytesNeeded(data, length);
    }

    /**
     * {@return true when the first bytes look like the start of a TLS handshake record carrying a
     * ClientHello (0x16 0x03, and 0x01 at offset 5 when there are that many bytes)}; for choosing
     * the next layer from a peek of as few as 3 bytes
     */
    public static boolean looksLikeClientHello(byte[] data, int length) {
        return length >= 3 && data[0] == 0x16 && data[1] == 0x03 && (length < 6 || data[5] == 0x01);
    }

    /** {@return the server name of the SNI extension (host_name), or null when none was sent} */
    public @Nullable String sni() {
        return sni;
    }

    /** {@return the ALPN protocols offered, in the client's order; empty when none} */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /** {@return the versions of the supported_versions extension; empty when it is absent} */
    public List<Integer> supportedVersions() {
        return supportedVersions;
    }

    /** {@return the legacy_version field (0x0303 for TLS 1.2 and 1.3 hellos)} */
    public int legacyVersion() {
        return legacyVersion;
    }

    /** {@return the offered cipher suites in order} */
    public List<Integer> cipherSuites() {
        return cipherSuites;
    }

    /** {@return the extension types in the order sent} */
    public List<Integer> extensions() {
        return extensions;
    }

    /** {@return how many input bytes (records with their headers) the hello occupied} */
    public int recordsLength() {
        return recordsLength;
    }

    @Override
    public String toString() {
        return "ClientHello[sni=" + sni + ", alpn=" + alpnProtocols + ", versions="
                + supportedVersions + ", " + cipherSuites.size() + " cipher suites, "
                + extensions.size() + " extensions]";
    }
}
