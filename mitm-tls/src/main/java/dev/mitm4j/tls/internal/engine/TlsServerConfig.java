package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the proxy's server side (toward a client) handshakes: which certificate to show for the
 * client's SNI and for the key algorithms the client accepts, which application protocol to pick
 * from the client's offer, versions, key log. Immutable; build with {@link #builder()}.
 *
 * <h2>Which key the client gets</h2>
 * The config lists the key algorithms its certificates can have, in order of preference. Once
 * the ClientHello is read and the version chosen, the engine takes the first of them the client
 * can verify: in TLS 1.3 one of whose signature schemes the client lists in
 * {@code signature_algorithms} ({@code ecdsa_secp256r1_sha256} for EC, {@code rsa_pss_rsae_*}
 * for RSA); in TLS 1.2 one for which a cipher suite both sides allow exists ({@code ECDHE_ECDSA}
 * suites for EC, {@code ECDHE_RSA} for RSA) whose signature the client accepts. The certificate
 * is asked for only then, with that algorithm, so a client that accepts ECDSA never makes the
 * proxy create an RSA leaf.
 *
 * <p>The certificate source and the ALPN selector run on the handshaking thread, during the
 * handshake, after the ClientHello was read; they may block (e.g. to make a leaf) and should not
 * throw (an exception aborts the handshake with an internal_error alert).
 */
public final class TlsServerConfig {
    /** Makes the certificate of one handshake. */
    @FunctionalInterface
    public interface Certificates {
        /**
         * {@return the certificate for a client that sent {@code sni} (null: none) and gets a key
         * of {@code keyAlgorithm}, one of the algorithms the config lists}
         */
        CertifiedKey certificate(@Nullable String sni, KeyAlgorithm keyAlgorithm);
    }

    private final List<KeyAlgorithm> keyAlgorithms;
    private final Certificates certificates;
    private final Function<List<String>, @Nullable String> alpnSelector;
    private final TlsVersion min;
    private final TlsVersion max;
    private final @Nullable KeyLog keyLog;
    private final int @Nullable [] cipherSuites;
    private final boolean requestClientCertificate;

    private TlsServerConfig(Builder b) {
        this.requestClientCertificate = b.requestClientCertificate;
        this.certificates = Objects.requireNonNull(b.certificates, "certificate(s)");
        this.keyAlgorithms = b.keyAlgorithms;
        this.alpnSelector = b.alpnSelector;
        this.min = b.min;
        this.max = b.max;
        this.keyLog = b.keyLog;
        this.cipherSuites = b.cipherSuites;
        TlsVersion.range(min, max);
    }

    /** {@return a builder: TLS 1.2 to 1.3, no ALPN, no key log} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the key algorithms certificates can have, preferred first; never empty} */
    List<KeyAlgorithm> keyAlgorithms() {
        return keyAlgorithms;
    }

    CertifiedKey certificateFor(@Nullable String sni, KeyAlgorithm keyAlgorithm) {
        return certificates.certificate(sni, keyAlgorithm);
    }

    /** {@return the algorithm of {@code key}: EC, else RSA (the only other kind we sign with)} */
    static KeyAlgorithm algorithmOf(CertifiedKey key) {
        return key.key().getAlgorithm().equals("EC") ? KeyAlgorithm.EC : KeyAlgorithm.RSA;
    }

    @Nullable String selectAlpn(List<String> offered) {
        return offered.isEmpty() ? null : alpnSelector.apply(offered);
    }

    TlsVersion min() {
        return min;
    }

    TlsVersion max() {
        return max;
    }

    @Nullable KeyLog keyLog() {
        return keyLog;
    }

    /** {@return the configured suites in preference order, or null for the defaults} */
    int @Nullable [] cipherSuites() {
        return cipherSuites;
    }

    boolean requestClientCertificate() {
        return requestClientCertificate;
    }

    /**
     * Each of the setter methods modifies the state of the builder and returns the same instance.
     * Builders are not thread-safe and should not be used concurrently from multiple threads
     * without external synchronization.
     */
    public static final class Builder {
        private @Nullable Certificates certificates;
        private List<KeyAlgorithm> keyAlgorithms = List.of();
        private Function<List<String>, @Nullable String> alpnSelector = offered -> null;
        private TlsVersion min = TlsVersion.TLS1_2;
        private TlsVersion max = TlsVersion.TLS1_3;
        private @Nullable KeyLog keyLog;
        private int @Nullable [] cipherSuites;
        private boolean requestClientCertificate;

        private Builder() {}

        /** Shows {@code key} whatever the SNI; a client that cannot verify its key fails. */
        public Builder certificate(CertifiedKey key) {
            Objects.requireNonNull(key, "key");
            this.keyAlgorithms = List.of(algorithmOf(key));
            this.certificates = (sni, algorithm) -> key;
            return this;
        }

        /**
         * Makes the certificate from the SNI and the first of {@code keyAlgorithms} (in that
         * order of preference) the client accepts; see the class documentation.
         *
         * @throws IllegalArgumentException when {@code keyAlgorithms} is empty
         */
        public Builder certificates(List<KeyAlgorithm> keyAlgorithms, Certificates source) {
            List<KeyAlgorithm> copy = keyAlgorithms.stream().distinct().toList();
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("keyAlgorithms is empty");
            }
            this.keyAlgorithms = copy;
            this.certificates = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Picks the first of {@code ours} (in our order) that the client offers. */
        public Builder alpnProtocols(List<String> ours) {
            List<String> copy = List.copyOf(ours);
            this.alpnSelector = offered -> copy.stream().filter(offered::contains).findFirst()
                    .orElse(null);
            return this;
        }

        /**
         * Picks the protocol from the client's offer with a function (null: no ALPN in the
         * answer), e.g. to answer with what the upstream server chose.
         */
        public Builder alpnSelector(Function<List<String>, @Nullable String> selector) {
            this.alpnSelector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** The versions to accept (options tls_version_client_min/max); default 1.2 to 1.3. */
        public Builder versions(TlsVersion min, TlsVersion max) {
            this.min = Objects.requireNonNull(min, "min");
            this.max = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Where to write the session secrets; null for nowhere (the default). */
        public Builder keyLog(@Nullable KeyLog keyLog) {
            this.keyLog = keyLog;
            return this;
        }

        /**
         * The only cipher suites to offer, in preference order (option ciphers_client, read with
         * {@link CipherSuites#parse}); null for the defaults. TLS versions none of them can be
         * used with are not offered.
         */
        public Builder cipherSuites(int @Nullable [] suites) {
            this.cipherSuites = suites == null ? null : suites.clone();
            return this;
        }

        /**
         * Asks the client for a certificate (option request_client_cert; default no). The client
         * may send none; whatever it sends is accepted unverified and comes back as
         * {@link TlsConnection#peerCertificates()}.
         */
        public Builder requestClientCertificate(boolean request) {
            this.requestClientCertificate = request;
            return this;
        }

        /** {@return the config}; throws when no certificate was given or versions are inverted */
        public TlsServerConfig build() {
            return new TlsServerConfig(this);
        }
    }
}
