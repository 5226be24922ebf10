package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertifiedKey;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the proxy's server side (toward a client) handshakes: which certificate to show for the
 * client's SNI, which application protocol to pick from the client's offer, versions, key log.
 * Immutable; build with {@link #builder()}.
 *
 * <p>The certificate chooser and the ALPN selector run on the handshaking thread, during the
 * handshake, after the ClientHello was read; they may block (e.g. to make a leaf) and should not
 * throw (an exception aborts the handshake with an internal_error alert).
 */
public final class TlsServerConfig {
    private final Function<@Nullable String, CertifiedKey> certificates;
    private final Function<List<String>, @Nullable String> alpnSelector;
    private final TlsVersion min;
    private final TlsVersion max;
    private final @Nullable KeyLog keyLog;
    private final int @Nullable [] cipherSuites;
    private final boolean requestClientCertificate;

    private TlsServerConfig(Builder b) {
        this.requestClientCertificate = b.requestClientCertificate;
        this.certificates = Objects.requireNonNull(b.certificates, "certificate(s)");
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

    CertifiedKey certificateFor(@Nullable String sni) {
        return certificates.apply(sni);
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
        private @Nullable Function<@Nullable String, CertifiedKey> certificates;
        private Function<List<String>, @Nullable String> alpnSelector = offered -> null;
        private TlsVersion min = TlsVersion.TLS1_2;
        private TlsVersion max = TlsVersion.TLS1_3;
        private @Nullable KeyLog keyLog;
        private int @Nullable [] cipherSuites;
        private boolean requestClientCertificate;

        private Builder() {}

        /** Shows {@code key} whatever the SNI. */
        public Builder certificate(CertifiedKey key) {
            Objects.requireNonNull(key, "key");
            this.certificates = sni -> key;
            return this;
        }

        /** Chooses the certificate from the SNI (null when the client sent none). */
        public Builder certificates(Function<@Nullable String, CertifiedKey> chooser) {
            this.certificates = Objects.requireNonNull(chooser, "chooser");
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
