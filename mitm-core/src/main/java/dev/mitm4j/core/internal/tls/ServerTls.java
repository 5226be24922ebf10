package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.TlsData;
import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.tls.internal.HostNames;
import dev.mitm4j.tls.internal.engine.TlsClientConfig;
import dev.mitm4j.tls.internal.engine.TlsConnection;
import dev.mitm4j.tls.internal.engine.TlsEngines;
import dev.mitm4j.tls.internal.engine.TlsHandshakeException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's TLS handshake toward a server, over a connected {@link UpstreamConnection}: SNI and ALPN as
 * the client offered them (ALPN limited to {@code h2} and {@code http/1.1}), verification
 * against the JDK's roots plus the configured CAs unless {@code ssl_insecure}, a client
 * certificate from {@code client_certs}, the server version range, the key log. Records the TLS
 * facts on the {@link ServerConnection} and fires {@code tls_established_server} or
 * {@code tls_failed_server}.
 */
public final class ServerTls {
    static final String HTTP1 = "http/1.1";

    private ServerTls() {}

    /**
     * {@return the TLS connection over {@code plain}, whose plaintext streams carry the
     * server's bytes}
     *
     * @param setup what the server's TLS connections share (trust, versions, key log)
     * @param root the client connection the server connection is for, which fires the events
     * @throws UpstreamConnectException saying why the handshake failed (for the client's 502);
     *     {@code plain} is closed then
     */
    public static TlsConnection handshake(TlsSetup setup, RootContext root,
            UpstreamConnection plain, boolean mayOfferH2) throws IOException {
        ClientConnection client = root.client();
        ServerConnection server = plain.server();
        Destination d = plain.destination();
        String sni = sni(client, d);
        String verifyHost = sni != null ? sni : d.host();
        List<String> alpn = alpnOffers(client, setup.options().http2() && mayOfferH2);
        server.tls(true);
        server.sni(sni);
        server.alpnOffers(alpn);
        TlsClientConfig config = TlsClientConfig.builder(verifyHost).sni(sni).alpnOffers(alpn)
                .trust(setup.upstreamTrust()).insecure(setup.options().sslInsecure())
                .clientCertificate(setup.clientCertificate(verifyHost))
                .versions(setup.serverMin(), setup.serverMax()).keyLog(setup.keyLog())
                .cipherSuites(setup.serverSuites()).build();
        TlsConnection tls;
        try {
            plain.sink().flush();
            tls = TlsEngines.clientSide(plain.source().inputStream(), plain.sink().outputStream(),
                    config);
        } catch (TlsHandshakeException e) {
            plain.close();
            String why = explain(e, verifyHost, alpn);
            server.error(why);
            root.fire(Hook.TLS_FAILED_SERVER, new TlsData(server, client, server));
            throw new UpstreamConnectException(d.authority(), why, e);
        }
        record(server, tls);
        root.fire(Hook.TLS_ESTABLISHED_SERVER, new TlsData(server, client, server));
        return tls;
    }

    /**
     * The SNI toward the server: the client's when it intercepted TLS from the client (except in
     * reverse mode, which names its own upstream), else the destination's host name.
     */
    private static @Nullable String sni(ClientConnection client, Destination d) {
        boolean reverse = client.proxyMode().startsWith("reverse");
        if (client.tls() && !reverse) {
            return client.sni();
        }
        return HostNames.isIpLiteral(d.host()) ? null : d.host();
    }

    /**
     * {@return the protocols to offer the server: a TLS client's offer limited to the two the
     * proxy speaks ({@code h2} only with {@code http2}; nothing when it offered nothing, as an
     * HTTP/1.1 client that may upgrade does); both to a plain-text client's server, since the
     * proxy translates between them}
     */
    static List<String> alpnOffers(ClientConnection client, boolean http2) {
        if (!client.tls()) {
            return http2 ? List.of(ClientTls.H2, HTTP1) : List.of(HTTP1);
        }
        List<String> offered = client.alpnOffers();
        List<String> offers = new java.util.ArrayList<>(2);
        if (http2 && offered.contains(ClientTls.H2)) {
            offers.add(ClientTls.H2);
        }
        if (offered.contains(HTTP1)) {
            offers.add(HTTP1);
        }
        return offers;
    }

    private static String explain(TlsHandshakeException e, String host, List<String> alpn) {
        return switch (e.reason()) {
            case NO_COMMON_APPLICATION_PROTOCOL -> "TLS handshake with " + host + " failed: the "
                    + "server accepts none of the application protocols offered (ALPN "
                    + String.join(", ", alpn) + "; it answered with the alert "
                    + "no_application_protocol); it probably speaks only HTTP/2, which mitm4j "
                    + "does not offer to servers yet";
            case UNTRUSTED_PEER_CERTIFICATE -> "Certificate verification error for " + host + ": "
                    + rootCause(e) + " (trust its CA with ssl_verify_upstream_trusted_ca, or turn"
                    + " verification off with ssl_insecure)";
            case NO_COMMON_PARAMETERS -> "TLS handshake with " + host + " failed: no common "
                    + "version or cipher (" + e.getMessage() + ")";
            default -> "TLS handshake with " + host + " failed: " + e.getMessage();
        };
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void record(ServerConnection server, TlsConnection tls) {
        server.tlsVersion(tls.protocolName());
        server.cipher(tls.cipherSuite());
        server.alpn(tls.alpn());
        server.certificateList(tls.peerCertificates());
        server.timestampTlsSetup(Instant.now());
    }
}
