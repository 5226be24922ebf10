package dev.mitm4j.tls.internal.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * Runs TLS handshakes for interception: {@link #serverSide} toward a client (the proxy shows a
 * certificate it made), {@link #clientSide} toward an upstream server (the proxy verifies the
 * real one). Both block the calling thread (a virtual thread per connection) until the
 * handshake is done, then return a {@link TlsConnection}; both write the key log when the config
 * names one.
 *
 * <p>Thread-safe: the shared crypto object holds no per-connection state. Failures are
 * {@link TlsHandshakeException}s whose reason says whether the peer rejected our certificate,
 * the upstream certificate was bad, nothing was in common, or the connection broke.
 */
public final class TlsEngines {
    private static final JcaTlsCrypto CRYPTO = crypto();
    private static final Map<Integer, String> SUITE_NAMES = suiteNames();

    private TlsEngines() {}

    /**
     * Handshakes as the server over {@code socket}; see
     * {@link #serverSide(InputStream, OutputStream, TlsServerConfig)}.
     */
    public static TlsConnection serverSide(Socket socket, TlsServerConfig config)
            throws IOException {
        return serverSide(new BufferedInputStream(socket.getInputStream(), 16 * 1024 + 64),
                socket.getOutputStream(), config);
    }

    /**
     * Handshakes as the server. {@code in} must start with the client's first byte (a stream that
     * replays a peeked ClientHello is fine).
     *
     * @throws TlsHandshakeException when the handshake fails
     */
    public static TlsConnection serverSide(InputStream in, OutputStream out, TlsServerConfig config)
            throws IOException {
        TlsServerProtocol protocol = new TlsServerProtocol(in, out);
        MitmTlsServer server = new MitmTlsServer(CRYPTO, config);
        try {
            protocol.accept(server);
        } catch (IOException | RuntimeException e) {
            TlsHandshakeException f = HandshakeFailures.of(protocol, e, "client",
                    server.alertReceived());
            boolean unexplained = f.reason() == TlsHandshakeException.Reason.CONNECTION
                    || f.reason() == TlsHandshakeException.Reason.NO_COMMON_PARAMETERS;
            throw unexplained && server.certificateSent() && server.alertReceived() < 0
                    ? HandshakeFailures.closedAfterCertificate(server.sni(), e) : f;
        }
        return connection(protocol, server.established(), server.sni(), server.clientChain(),
                server::closeNotifyReceived);
    }

    /**
     * Handshakes as the client over {@code socket}; see
     * {@link #clientSide(InputStream, OutputStream, TlsClientConfig)}.
     */
    public static TlsConnection clientSide(Socket socket, TlsClientConfig config)
            throws IOException {
        return clientSide(new BufferedInputStream(socket.getInputStream(), 16 * 1024 + 64),
                socket.getOutputStream(), config);
    }

    /**
     * Handshakes as the client toward the server behind the streams.
     *
     * @throws TlsHandshakeException when the handshake fails; {@link
     *     TlsHandshakeException.Reason#UNTRUSTED_PEER_CERTIFICATE} when verification failed
     */
    public static TlsConnection clientSide(InputStream in, OutputStream out, TlsClientConfig config)
            throws IOException {
        TlsClientProtocol protocol = new TlsClientProtocol(in, out);
        MitmTlsClient client = new MitmTlsClient(CRYPTO, config);
        try {
            protocol.connect(client);
        } catch (IOException | RuntimeException e) {
            throw HandshakeFailures.of(protocol, e, "server", client.alertReceived());
        }
        return connection(protocol, client.established(), config.sni(), client.peerChain(),
                client::closeNotifyReceived);
    }

    private static TlsConnection connection(TlsProtocol protocol, SecurityParameters p,
            @Nullable String sni, List<java.security.cert.X509Certificate> peer,
            java.util.function.BooleanSupplier closeNotifyReceived) {
        String alpn = p.getApplicationProtocol() == null ? null
                : new String(p.getApplicationProtocol().getBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
        return new TlsConnection(protocol, TlsVersion.of(p.getNegotiatedVersion()),
                cipherSuiteName(p.getCipherSuite()), alpn, sni, peer, closeNotifyReceived);
    }

    /** {@return the IANA name of a cipher suite code point, or its hex form} */
    static String cipherSuiteName(int code) {
        return SUITE_NAMES.getOrDefault(code, String.format("0x%04X", code));
    }

    /** BC's JCA crypto over the JDK's providers, with fast X25519 (see {@link MitmCrypto}). */
    private static JcaTlsCrypto crypto() {
        return new MitmCrypto(new JdkFirstHelper(), new SecureRandom());
    }

    private static Map<Integer, String> suiteNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    names.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
