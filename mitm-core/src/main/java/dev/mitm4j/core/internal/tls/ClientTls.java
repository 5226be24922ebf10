package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.TlsData;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Deadline;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.internal.engine.TlsConnection;
import dev.mitm4j.tls.internal.engine.TlsEngines;
import dev.mitm4j.tls.internal.engine.TlsHandshakeException;
import dev.mitm4j.tls.internal.engine.TlsServerConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's TLS handshake toward the client: shows the leaf {@link Leaves} makes (or the user's
 * certificate) with a key the client accepts (EC, else RSA; option {@code leaf_key_type}),
 * chooses {@code h2} (option {@code http2}) or {@code http/1.1} from the client's ALPN offer, keeps to the client version range, asks
 * for a client certificate with {@code request_client_cert} (any is accepted; the chain lands in
 * the client's certificate list) and writes the key log. Records the TLS facts, the certificate
 * shown among them, on the {@link ClientConnection} and fires {@code tls_established_client} or
 * {@code tls_failed_client}.
 */
final class ClientTls {
    /** The ALPN name of HTTP/2 over TLS. */
    static final String H2 = "h2";

    private final TlsSetup setup;
    private final RootContext root;
    private final ClientConnection client;
    private final @Nullable Destination destination;

    ClientTls(TlsSetup setup, RootContext root, @Nullable Destination destination) {
        this.setup = setup;
        this.root = root;
        this.client = root.client();
        this.destination = destination;
    }

    /**
     * {@return the established connection; its streams carry the client's plaintext}
     *
     * @param server the server connection when it was made first (its certificate names the leaf)
     * @param deadline the limit on the handshake; past it the watchdog closes the connection,
     *     and the failure says so instead of blaming trust
     * @throws ClientTlsException when the client's handshake fails
     */
    TlsConnection handshake(Context context, @Nullable ServerConnection server, Deadline deadline)
            throws IOException {
        Leaves.Offer offer = Leaves.forClient(setup, client, destination, server);
        TlsServerConfig config = TlsServerConfig.builder()
                .certificates(offer.keyAlgorithms(), (sni, keyAlgorithm) -> {
                    CertifiedKey leaf = offer.make().apply(keyAlgorithm);
                    client.mitmcert(leaf.leaf());
                    return leaf;
                })
                .alpnSelector(offered -> alpn(offered, setup.options().http2(),
                        server == null ? null : server.alpn()))
                .versions(setup.clientMin(), setup.clientMax()).keyLog(setup.keyLog())
                .cipherSuites(setup.clientSuites())
                .requestClientCertificate(setup.options().requestClientCert()).build();
        context.clientSink().flush();
        TlsConnection tls;
        try {
            tls = TlsEngines.serverSide(Unclosable.of(context.clientSource().inputStream()),
                    Unclosable.of(context.clientSink().outputStream()), config);
        } catch (TlsHandshakeException e) {
            throw failed(deadline.passed() ? stalled(e) : e, server);
        }
        client.tlsVersion(tls.protocolName());
        client.cipher(tls.cipherSuite());
        client.alpn(tls.alpn());
        client.certificateList(tls.peerCertificates());
        client.timestampTlsSetup(Instant.now());
        root.fire(Hook.TLS_ESTABLISHED_CLIENT, new TlsData(client, client, server));
        return tls;
    }

    /**
     * {@return the application protocol for a client offering {@code offered}: what the server
     * chose, when the proxy met it first and the client offered that too (both sides then speak
     * the same, as in mitmproxy); else {@code h2} when offered and {@code http2} is on (the proxy
     * translates for an HTTP/1 server), else {@code http/1.1} when offered, else none (a client
     * that offers neither still gets TLS)}
     */
    static @Nullable String alpn(List<String> offered, boolean http2,
            @Nullable String serverChose) {
        if (serverChose != null && offered.contains(serverChose)
                && (serverChose.equals(ServerTls.HTTP1) || (http2 && serverChose.equals(H2)))) {
            return serverChose;
        }
        if (http2 && offered.contains(H2)) {
            return H2;
        }
        return offered.contains(ServerTls.HTTP1) ? ServerTls.HTTP1 : null;
    }

    /** A handshake the watchdog ended: the client stalled, whatever the engine made of it. */
    private TlsHandshakeException stalled(TlsHandshakeException e) {
        return new TlsHandshakeException(TlsHandshakeException.Reason.CONNECTION, null,
                "the client did not complete its TLS handshake within the header timeout ("
                        + root.config().headerTimeout().toSeconds() + " s)", e);
    }

    private ClientTlsException failed(TlsHandshakeException e, @Nullable ServerConnection server) {
        String host = TlsLayer.host(client, destination);
        client.error(e.getMessage());
        root.fire(Hook.TLS_FAILED_CLIENT, new TlsData(client, client, server));
        if (ClientTlsException.rejected(e)) {
            setup.untrusted(host);
        }
        return new ClientTlsException(host, e, installHint());
    }

    private String installHint() {
        String onboarding = setup.options().onboarding()
                ? "open http://" + setup.options().onboardingHost() + "/ through the proxy, or " : "";
        return "To intercept HTTPS, the client must trust the proxy's CA: " + onboarding
                + "install " + setup.confdir().resolve("mitmproxy-ca-cert.pem")
                + " as a trusted root (curl --cacert, Java CaTrust, the OS or browser trust store)"
                + (setup.options().tlsPassthroughUntrusted()
                        ? ". Later connections to this host are passed through." : ".");
    }
}
