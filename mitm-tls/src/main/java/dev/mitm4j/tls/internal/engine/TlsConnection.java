package dev.mitm4j.tls.internal.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.tls.TlsProtocol;
import org.jspecify.annotations.Nullable;

/**
 * An established TLS connection: the plaintext streams and what the handshake settled.
 *
 * <p>One thread may read while another writes (BouncyCastle's streams allow that); two readers or
 * two writers need external coordination. {@link #close()} sends close_notify and closes the
 * underlying streams; TLS has no half-close here, so close only when both directions are done.
 */
public final class TlsConnection implements Closeable {
    private final TlsProtocol protocol;
    private final TlsVersion version;
    private final String cipherSuite;
    private final @Nullable String alpn;
    private final @Nullable String sni;
    private final List<X509Certificate> peerCertificates;

    TlsConnection(TlsProtocol protocol, TlsVersion version, String cipherSuite,
            @Nullable String alpn, @Nullable String sni, List<X509Certificate> peerCertificates) {
        this.protocol = protocol;
        this.version = version;
        this.cipherSuite = cipherSuite;
        this.alpn = alpn;
        this.sni = sni;
        this.peerCertificates = List.copyOf(peerCertificates);
    }

    /** {@return the decrypted bytes from the peer; -1 at close_notify or end of stream} */
    public InputStream input() {
        return protocol.getInputStream();
    }

    /** {@return the stream whose bytes are encrypted to the peer} */
    public OutputStream output() {
        return protocol.getOutputStream();
    }

    /** {@return the negotiated version} */
    public TlsVersion version() {
        return version;
    }

    /** {@return the negotiated version's name, e.g. {@code TLSv1.3} (mitmproxy's tls_version)} */
    public String protocolName() {
        return version.protocolName();
    }

    /** {@return the IANA name of the cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}} */
    public String cipherSuite() {
        return cipherSuite;
    }

    /** {@return the negotiated application protocol, or null when none was agreed} */
    public @Nullable String alpn() {
        return alpn;
    }

    /** {@return the server name: the one the client sent (server side) or we sent (client side)} */
    public @Nullable String sni() {
        return sni;
    }

    /** {@return the peer's chain, leaf first; empty when the peer sent none (most clients)} */
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    @Override
    public void close() throws IOException {
        protocol.close();
    }

    @Override
    public String toString() {
        return "TlsConnection[" + protocolName() + ", " + cipherSuite + ", alpn=" + alpn
                + ", sni=" + sni + "]";
    }
}
