package dev.mitm4j.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with the certificate chain that vouches for it: what a TLS endpoint presents.
 * The first certificate is the end entity (the leaf) whose public key matches {@link #key()};
 * the rest are the issuers, nearest first. The root may or may not be included.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param key the private key of the first certificate
 * @param chain the leaf first, then its issuers; never empty
 */
public record CertifiedKey(PrivateKey key, List<X509Certificate> chain) {
    public CertifiedKey {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty");
        }
    }

    /** {@return the end-entity certificate, the first of the chain} */
    public X509Certificate leaf() {
        return chain.getFirst();
    }
}
