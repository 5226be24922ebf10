package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The certificate shown to a client, as mitmproxy's {@code TlsConfig.get_cert} chooses it: the
 * user's certificate for the host ({@code certs}) when there is one, else a leaf of the CA named
 * after the upstream certificate (CN, SANs, O; when {@code upstream_cert} fetched it), then the
 * client's SNI, or the proxy's local address when the client sent none, then the target address
 * (an IP SAN for an IP literal). With {@code add_upstream_certs_to_client_chain} the server's
 * certificates follow ours. The names are settled before the handshake; the key algorithm of a
 * CA leaf ({@code leaf_key_type}) is chosen during it, from what the client accepts.
 */
final class Leaves {
    private Leaves() {}

    /**
     * What may be shown to one client: the key algorithms, preferred first, and the certificate
     * of each (made when asked, so an RSA leaf is made only for a client that needs one).
     */
    record Offer(List<KeyAlgorithm> keyAlgorithms, Function<KeyAlgorithm, CertifiedKey> make) {}

    static Offer forClient(TlsSetup setup, ClientConnection client,
            @Nullable Destination destination, @Nullable ServerConnection server) {
        List<X509Certificate> upstream = server == null ? List.of() : server.certificateList();
        CertificateSpec names = names(client, destination, upstream);
        Optional<CertifiedKey> user = setup.userCertificates().lookup(names);
        if (user.isPresent()) {
            CertifiedKey key = user.get();
            KeyAlgorithm algorithm = key.key().getAlgorithm().equals("EC") ? KeyAlgorithm.EC
                    : KeyAlgorithm.RSA;
            return new Offer(List.of(algorithm), a -> key);
        }
        boolean withUpstream = setup.options().addUpstreamCertsToClientChain()
                && !upstream.isEmpty();
        return new Offer(setup.leafKeyAlgorithms(), algorithm -> {
            CertifiedKey leaf = setup.ca().leaf(names, algorithm);
            return withUpstream ? withChain(leaf, upstream) : leaf;
        });
    }

    private static CertificateSpec names(ClientConnection client,
            @Nullable Destination destination, List<X509Certificate> upstream) {
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
        return spec.build();
    }

    private static CertifiedKey withChain(CertifiedKey leaf, List<X509Certificate> upstream) {
        List<X509Certificate> chain = new ArrayList<>(leaf.chain());
        chain.addAll(upstream);
        return new CertifiedKey(leaf.key(), chain);
    }
}
