package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.internal.HostNames;
import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Verifies an upstream server's chain: PKIX trust through a trust manager (the JDK's default
 * roots unless one is given), then that the leaf names the host (DNS SANs with one-label
 * wildcards, IP SANs for IP literals; the CN only when there are no DNS SANs). Thread-safe.
 */
final class UpstreamVerifier {
    private UpstreamVerifier() {}

    /** Throws {@link CertificateException} saying why {@code chain} is not good for a host. */
    static void verify(X509Certificate[] chain, String host, @Nullable X509TrustManager trust)
            throws CertificateException {
        if (chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        (trust != null ? trust : JdkRoots.trustManager()).checkServerTrusted(chain, "UNKNOWN");
        if (!names(chain[0], host)) {
            throw new CertificateException("the certificate does not name " + host
                    + " (it names " + describe(chain[0]) + ")");
        }
    }

    private static boolean names(X509Certificate leaf, String host)
            throws CertificateParsingException {
        InetAddress ip = HostNames.toAddress(host);
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        boolean anyDns = false;
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (type == 2) {
                    anyDns = true;
                    if (ip == null && HostNames.matches(value, HostNames.idna(host))) {
                        return true;
                    }
                } else if (type == 7 && ip != null && ip.equals(HostNames.toAddress(value))) {
                    return true;
                }
            }
        }
        if (ip != null || anyDns) {
            return false;
        }
        String cn = dev.mitm4j.tls.internal.UpstreamNames.of(leaf).names().stream().findFirst()
                .orElse(null);
        return cn != null && HostNames.matches(cn, HostNames.idna(host));
    }

    private static String describe(X509Certificate leaf) {
        return String.join(", ", dev.mitm4j.tls.internal.UpstreamNames.of(leaf).names());
    }
}
