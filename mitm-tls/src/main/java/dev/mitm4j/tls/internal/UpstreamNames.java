package dev.mitm4j.tls.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * The names mitmproxy copies from a real server's certificate: its CN first, then its DNS and IP
 * SANs in order, and its O.
 *
 * @param names CN then SANs (duplicates possible; the spec builder removes them)
 * @param organization the first O of the subject, or null
 */
public record UpstreamNames(List<String> names, @Nullable String organization) {

    /** {@return the names of {@code cert}} */
    public static UpstreamNames of(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        List<String> names = new ArrayList<>();
        String cn = first(subject, BCStyle.CN);
        if (cn != null) {
            names.add(cn);
        }
        names.addAll(subjectAltNames(cert));
        return new UpstreamNames(List.copyOf(names), first(subject, BCStyle.O));
    }

    private static @Nullable String first(X500Name name, ASN1ObjectIdentifier oid) {
        RDN[] rdns = name.getRDNs(oid);
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return IETFUtils.valueToString(value);
    }

    private static List<String> subjectAltNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return out;
            }
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == 2 || type == 7) { // dNSName, iPAddress
                    out.add(String.valueOf(san.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate with unreadable SANs: keep its CN, as mitmproxy keeps what it can read.
        }
        return out;
    }
}
