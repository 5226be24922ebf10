package dev.mitm4j.tls.internal.engine;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BooleanSupplier;
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
    private final InputStream input;

    TlsConnection(TlsProtocol protocol, TlsVersion version, String cipherSuite,
            @Nullable String alpn, @Nullable String sni, List<X509Certificate> peerCertificates,
            BooleanSupplier closeNotifyReceived) {
        this.protocol = protocol;
        this.input = new CloseNotifyInput(protocol.getInputStream(), closeNotifyReceived);
        this.version = version;
        this.cipherSuite = cipherSuite;
        this.alpn = alpn;
        this.sni = sni;
        this.peerCertificates = List.copyOf(peerCertificates);
    }

    /**
     * {@return the decrypted bytes from the peer; -1 at close_notify or end of stream}. A peer
     * that sends close_notify and closes its socket at once (RFC 8446 6.1 allows it) makes
     * BouncyCastle's reply close_notify fail to write ("Broken pipe"): that is still a clean end
     * of stream here, not an error.
     */
    public InputStream input() {
        return input;
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

    /**
     * {@return the peer's chain, leaf first; empty when the peer sent none (a client that was
     * not asked for one, or sent none)}
     */
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

    /** The application data stream, ending cleanly once the peer's close_notify arrived. */
    private static final class CloseNotifyInput extends FilterInputStream {
        private final BooleanSupplier closeNotifyReceived;

        CloseNotifyInput(InputStream in, BooleanSupplier closeNotifyReceived) {
            super(in);
            this.closeNotifyReceived = closeNotifyReceived;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                return ended(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                return ended(e);
            }
        }

        private int ended(IOException e) throws IOException {
            if (closeNotifyReceived.getAsBoolean()) {
                return -1;
            }
            throw e;
        }
    }
}
