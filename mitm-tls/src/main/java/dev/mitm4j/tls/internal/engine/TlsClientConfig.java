package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.internal.HostNames;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * How the proxy's client side (toward an upstream server) handshakes: the host to verify and to
 * send as SNI, the ALPN offer, trust (verification on by default, against the JDK's roots unless
 * a trust manager is given; {@code ssl_insecure} turns it off), a client certificate for mutual
 * TLS, versions and the key log. Immutable; build with {@link #builder(String)}.
 */
public final class TlsClientConfig {
    private final String host;
    private final @Nullable String sni;
    private final List<String> alpnOffers;
    private final @Nullable X509TrustManager trust;
    private final boolean insecure;
    private final @Nullable CertifiedKey clientCertificate;
    private final TlsVersion min;
    private final TlsVersion max;
    private final @Nullable KeyLog keyLog;
    private final int @Nullable [] cipherSuites;

    private TlsClientConfig(Builder b) {
        this.host = b.host;
        this.sni = b.sni;
        this.alpnOffers = b.alpnOffers;
        this.trust = b.trust;
        this.insecure = b.insecure;
        this.clientCertificate = b.clientCertificate;
        this.min = b.min;
        this.max = b.max;
        this.keyLog = b.keyLog;
        this.cipherSuites = b.cipherSuites;
        TlsVersion.range(min, max);
    }

    /**
     * {@return a builder for connecting to {@code host}}: the certificate must name it, and it is
     * sent as SNI unless it is an IP literal (change with {@link Builder#sni})
     */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    String host() {
        return host;
    }

    @Nullable String sni() {
        return sni;
    }

    List<String> alpnOffers() {
        return alpnOffers;
    }

    @Nullable X509TrustManager trust() {
        return trust;
    }

    boolean insecure() {
        return insecure;
    }

    @Nullable CertifiedKey clientCertificate() {
        return clientCertificate;
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

    /**
     * Each of the setter methods modifies the state of the builder and returns the same instance.
     * Builders are not thread-safe and should not be used concurrently from multiple threads
     * without external synchronization.
     */
    public static final class Builder {
        private final String host;
        private @Nullable String sni;
        private List<String> alpnOffers = List.of();
        private @Nullable X509TrustManager trust;
        private boolean insecure;
        private @Nullable CertifiedKey clientCertificate;
        private TlsVersion min = TlsVersion.TLS1_2;
        private TlsVersion max = TlsVersion.TLS1_3;
        private @Nullable KeyLog keyLog;
        private int @Nullable [] cipherSuites;

        private Builder(String host) {
            this.host = HostNames.stripBrackets(Objects.requireNonNull(host, "host"));
            this.sni = HostNames.isIpLiteral(host) ? null : this.host;
        }

        /** The SNI to send (the client's SNI when intercepting); null to send none. */
        public Builder sni(@Nullable String sni) {
            this.sni = sni == null || sni.isEmpty() || HostNames.isIpLiteral(sni) ? null : sni;
            return this;
        }

        /** The application protocols to offer, in order (the client's offer when intercepting). */
        public Builder alpnOffers(List<String> offers) {
            this.alpnOffers = List.copyOf(offers);
            return this;
        }

        /** Trusts this manager instead of the JDK's default roots. */
        public Builder trust(@Nullable X509TrustManager trust) {
            this.trust = trust;
            return this;
        }

        /** Accepts any certificate and any name (option ssl_insecure). */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /** The certificate to present when the server asks (option client_certs). */
        public Builder clientCertificate(@Nullable CertifiedKey key) {
            this.clientCertificate = key;
            return this;
        }

        /** The versions to offer (options tls_version_server_min/max); default 1.2 to 1.3. */
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
         * The only cipher suites to offer, in preference order (option ciphers_server, read with
         * {@link CipherSuites#parse}); null for the defaults. TLS versions none of them can be
         * used with are not offered.
         */
        public Builder cipherSuites(int @Nullable [] suites) {
            this.cipherSuites = suites == null ? null : suites.clone();
            return this;
        }

        /** {@return the config} */
        public TlsClientConfig build() {
            return new TlsClientConfig(this);
        }
    }
}
