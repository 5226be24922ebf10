package dev.mitm4j.tls.internal.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
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
    private static final Set<Short> CERTIFICATE_ALERTS = Set.of(AlertDescription.bad_certificate,
            AlertDescription.unsupported_certificate, AlertDescription.certificate_revoked,
            AlertDescription.certificate_expired, AlertDescription.certificate_unknown,
            AlertDescription.unknown_ca, AlertDescription.decrypt_error);
    private static final Set<Short> PARAMETER_ALERTS = Set.of(AlertDescription.handshake_failure,
            AlertDescription.protocol_version, AlertDescription.insufficient_security,
            AlertDescription.no_application_protocol);

    private TlsEngines() {}

    /** Handshakes as the server over {@code socket}; see {@link #serverSide(InputStream, OutputStream, TlsServerConfig)}. */
    public static TlsConnection serverSide(Socket socket, TlsServerConfig config) throws IOException {
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
            TlsHandshakeException f = failure(protocol, e, "client", server.alertReceived());
            boolean unexplained = f.reason() == TlsHandshakeException.Reason.CONNECTION
                    || f.reason() == TlsHandshakeException.Reason.NO_COMMON_PARAMETERS;
            throw unexplained && server.certificateSent() && server.alertReceived() < 0
                    ? closedAfterCertificate(server.sni(), e) : f;
        }
        return connection(protocol, server.established(), server.sni(), List.of());
    }

    /** Handshakes as the client over {@code socket}; see {@link #clientSide(InputStream, OutputStream, TlsClientConfig)}. */
    public static TlsConnection clientSide(Socket socket, TlsClientConfig config) throws IOException {
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
            throw failure(protocol, e, "server", client.alertReceived());
        }
        return connection(protocol, client.established(), config.sni(), client.peerChain());
    }

    private static TlsConnection connection(TlsProtocol protocol, SecurityParameters p,
            @Nullable String sni, List<java.security.cert.X509Certificate> peer) {
        String alpn = p.getApplicationProtocol() == null ? null
                : new String(p.getApplicationProtocol().getBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
        return new TlsConnection(protocol, TlsVersion.of(p.getNegotiatedVersion()),
                cipherSuiteName(p.getCipherSuite()), alpn, sni, peer);
    }

    /** {@return the IANA name of a cipher suite code point, or its hex form} */
    static String cipherSuiteName(int code) {
        return SUITE_NAMES.getOrDefault(code, String.format("0x%04X", code));
    }

    private static TlsHandshakeException closedAfterCertificate(@Nullable String sni, Exception e) {
        return new TlsHandshakeException(TlsHandshakeException.Reason.PEER_CLOSED_AFTER_CERTIFICATE,
                null, "the client closed the connection after receiving our certificate"
                + (sni == null ? "" : " for " + sni) + "; it probably does not trust the proxy's CA"
                + " (" + e.getMessage() + ")", e);
    }

    private static TlsHandshakeException failure(TlsProtocol protocol, Exception e, String peer,
            short alertReceived) {
        try {
            protocol.close();
        } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        if (e instanceof TlsFatalAlertReceived || alertReceived >= 0) {
            short a = e instanceof TlsFatalAlertReceived r ? r.getAlertDescription() : alertReceived;
            TlsHandshakeException.Reason reason = CERTIFICATE_ALERTS.contains(a)
                    ? TlsHandshakeException.Reason.PEER_REJECTED_CERTIFICATE
                    : PARAMETER_ALERTS.contains(a) ? TlsHandshakeException.Reason.NO_COMMON_PARAMETERS
                    : TlsHandshakeException.Reason.PEER_ALERT;
            String name = AlertDescription.getName(a);
            return new TlsHandshakeException(reason, name, "the " + peer + " aborted the handshake"
                    + " with alert " + name + (reason == TlsHandshakeException.Reason
                    .PEER_REJECTED_CERTIFICATE ? " (it does not accept our certificate)" : ""), e);
        }
        if (e instanceof TlsFatalAlert f) {
            short a = f.getAlertDescription();
            String name = AlertDescription.getName(a);
            TlsHandshakeException.Reason reason = f.getCause() instanceof CertificateException
                    ? TlsHandshakeException.Reason.UNTRUSTED_PEER_CERTIFICATE
                    : PARAMETER_ALERTS.contains(a) ? TlsHandshakeException.Reason.NO_COMMON_PARAMETERS
                    : TlsHandshakeException.Reason.CONNECTION;
            return new TlsHandshakeException(reason, name, "TLS handshake with the " + peer
                    + " failed: " + f.getMessage(), e);
        }
        return new TlsHandshakeException(TlsHandshakeException.Reason.CONNECTION, null,
                "TLS handshake with the " + peer + " failed: " + e, e);
    }

    /** BC's JCA crypto over the JDK's providers first (see {@link JdkFirstHelper}). */
    private static JcaTlsCrypto crypto() {
        SecureRandom random = new SecureRandom();
        JdkFirstHelper helper = new JdkFirstHelper();
        return new JcaTlsCrypto(helper, helper, random, random) {};
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
