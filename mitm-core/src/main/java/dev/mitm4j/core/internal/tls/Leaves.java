package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The certificate shown to a client, as mitmproxy's {@code TlsConfig.get_cert} chooses it: the
 * user's certificate for the host ({@code certs}) when there is one, else a leaf of the CA named
 * after the upstream certificate (CN, SANs, O; when {@code upstream_cert} fetched it), then the
 * client's SNI, or the proxy's local address when the client sent none, then the target address
 * (an IP SAN for an IP literal). With {@code add_upstream_certs_to_client_chain} the server's
 * certificates follow ours.
 */
final class Leaves {
    private Leaves() {}

    static CertifiedKey forClient(TlsSetup setup, ClientConnection client,
            @Nullable Destination destination, @Nullable ServerConnection server) {
        List<X509Certificate> upstream = server == null ? List.of() : server.certificateList();
        CertificateSpec.Builder spec = CertificateSpec.builder().sni(client.sni());
        if (!upstream.isEmpty()) {
            spec.upstreamCertificate(upstream.getFirst());
        }
        if (client.sni() == null && client.sockname() != null) {
            spec.localAddress(client.sockname().getAddress().getHostAddress());
        }
        if (destination != null) {
            spec.address(destination.host());
        }
        CertificateSpec names = spec.build();
        java.util.Optional<CertifiedKey> user = setup.userCertificates().lookup(names);
        if (user.isPresent()) {
            return user.get();
        }
        CertifiedKey leaf = setup.ca().leaf(names);
        if (!setup.options().addUpstreamCertsToClientChain() || upstream.isEmpty()) {
            return leaf;
        }
        List<X509Certificate> chain = new ArrayList<>(leaf.chain());
        chain.addAll(upstream);
        return new CertifiedKey(leaf.key(), chain);
    }
}
