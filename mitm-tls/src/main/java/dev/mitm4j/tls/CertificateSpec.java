package dev.mitm4j.tls;

import dev.mitm4j.tls.internal.HostNames;
import dev.mitm4j.tls.internal.UpstreamNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a leaf certificate must say: its common name, its subject alternative names and its
 * organization. Immutable; equal specs give the same cached leaf.
 *
 * <p>The {@link Builder} collects the sources the way mitmproxy does and puts the names in
 * mitmproxy's order, whatever the order of the calls:
 * <ol>
 *   <li>the upstream server's certificate: its CN, then all its DNS and IP SANs, and its O;
 *   <li>the client's SNI, or, when the client sent none, the proxy's local address;
 *   <li>the address the client asked for (host name or IP literal);
 *   <li>names added explicitly.
 * </ol>
 * Duplicates are dropped (case-insensitively). The CN is the explicit one if set, else the first
 * name; a CN of 64 characters or more is left out of the subject (X.509's limit), the name stays
 * a SAN. Names that are IP literals become IP-address SANs, other names DNS SANs (IDNA-encoded).
 *
 * @param commonName the subject CN, or null for a certificate with SANs only
 * @param names the SANs, in order: DNS names and IP literals
 * @param organization the subject O, or null
 */
public record CertificateSpec(
        @Nullable String commonName, List<String> names, @Nullable String organization) {

    public CertificateSpec {
        names = List.copyOf(names);
        if (commonName == null && names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs a common name or a name");
        }
    }

    /** {@return a spec for exactly these names; the first is the CN} */
    public static CertificateSpec of(String... names) {
        Builder b = builder();
        for (String name : names) {
            b.addName(name);
        }
        return b.build();
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the sources of a leaf's names. Each of the setter methods modifies the state of the
     * builder and returns the same instance. Builders are not thread-safe and should not be used
     * concurrently from multiple threads without external synchronization.
     */
    public static final class Builder {
        private final List<String> upstreamNames = new ArrayList<>();
        private final List<String> extraNames = new ArrayList<>();
        private @Nullable String sni;
        private @Nullable String localAddress;
        private @Nullable String address;
        private @Nullable String commonName;
        private @Nullable String organization;

        private Builder() {}

        /**
         * Copies CN, SANs (DNS and IP) and O of the real server's certificate, as mitmproxy does
         * when {@code upstream_cert} is on.
         */
        public Builder upstreamCertificate(java.security.cert.X509Certificate upstream) {
            UpstreamNames names = UpstreamNames.of(upstream);
            upstreamNames.clear();
            upstreamNames.addAll(names.names());
            if (organization == null) {
                organization = names.organization();
            }
            return this;
        }

        /** The server name the client sent (null or empty: none). */
        public Builder sni(@Nullable String sni) {
            this.sni = sni == null || sni.isEmpty() ? null : sni;
            return this;
        }

        /** The proxy's own address, used as a name only when the client sent no SNI. */
        public Builder localAddress(@Nullable String localAddress) {
            this.localAddress = localAddress;
            return this;
        }

        /** The host the client asked to reach: a name, or an IP literal that becomes an IP SAN. */
        public Builder address(@Nullable String host) {
            this.address = host;
            return this;
        }

        /** Adds one more name after all the others. */
        public Builder addName(String name) {
            extraNames.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Sets the CN explicitly instead of taking the first name. */
        public Builder commonName(@Nullable String commonName) {
            this.commonName = commonName;
            return this;
        }

        /** Sets the O explicitly (overrides the upstream certificate's). */
        public Builder organization(@Nullable String organization) {
            this.organization = organization;
            return this;
        }

        /**
         * {@return the spec}
         *
         * @throws IllegalArgumentException when no source gave any name
         */
        public CertificateSpec build() {
            Set<String> seen = new LinkedHashSet<>();
            List<String> ordered = new ArrayList<>();
            for (String n : upstreamNames) {
                addUnique(n, seen, ordered);
            }
            addUnique(sni != null ? sni : localAddress, seen, ordered);
            addUnique(address, seen, ordered);
            for (String n : extraNames) {
                addUnique(n, seen, ordered);
            }
            String cn = commonName != null ? commonName : ordered.isEmpty() ? null : ordered.get(0);
            if (cn != null && cn.length() >= 64) {
                cn = null;
            }
            return new CertificateSpec(cn, ordered, organization);
        }

        private static void addUnique(@Nullable String name, Set<String> seen, List<String> out) {
            if (name == null || name.isEmpty()) {
                return;
            }
            String plain = HostNames.stripBrackets(name);
            if (seen.add(plain.toLowerCase(java.util.Locale.ROOT))) {
                out.add(plain);
            }
        }
    }
}
