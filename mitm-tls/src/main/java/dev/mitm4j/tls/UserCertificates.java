package dev.mitm4j.tls;

import dev.mitm4j.tls.internal.HostNames;
import dev.mitm4j.tls.internal.KeyFiles;
import dev.mitm4j.tls.internal.UpstreamNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Certificates the user supplies for some domains (option {@code certs}), shown instead of a
 * generated leaf. Each entry is {@code [domain=]path}: a PEM file with the certificate, its chain
 * and (usually) its private key; without a key, the CA's key is used and must match, as in
 * mitmproxy. The domain may be a wildcard ({@code *.example.com}) and defaults to {@code *}, the
 * certificate for every host. Each certificate is also registered under its own CN and SANs.
 *
 * <p>Lookup follows mitmproxy: for each name of the connection (CN first, then SANs), the exact
 * name, then its wildcard forms from the most specific ({@code www.a.com}, {@code *.a.com},
 * {@code *.com}); then {@code *}. Immutable and thread-safe once loaded.
 */
public final class UserCertificates {
    private final Map<String, CertifiedKey> byName;

    private UserCertificates(Map<String, CertifiedKey> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** {@return no user certificates} */
    public static UserCertificates none() {
        return new UserCertificates(Map.of());
    }

    /**
     * {@return the certificates of the {@code certs} option values}
     *
     * @param specs {@code [domain=]path} values
     * @param passphrase for encrypted keys (option {@code cert_passphrase}), or null
     * @param ca whose key stands in for a missing key; null if there is none
     * @throws CertificateAuthorityException naming a file that cannot be used
     */
    public static UserCertificates load(List<String> specs, @Nullable String passphrase,
            @Nullable CertificateAuthority ca) {
        Map<String, CertifiedKey> byName = new LinkedHashMap<>();
        char[] pass = passphrase == null ? null : passphrase.toCharArray();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String domain = eq < 0 ? "*" : spec.substring(0, eq).trim();
            Path file = Path.of(eq < 0 ? spec.trim() : spec.substring(eq + 1).trim());
            CertifiedKey key = KeyFiles.load(file, pass, ca == null ? null : ca.privateKey());
            byName.put(normalize(domain), key);
            for (String name : UpstreamNames.of(key.leaf()).names()) {
                byName.putIfAbsent(normalize(name), key);
            }
        }
        return new UserCertificates(byName);
    }

    /** {@return the user's certificate for {@code spec}'s names, if one applies} */
    public Optional<CertifiedKey> lookup(CertificateSpec spec) {
        List<String> names = new ArrayList<>();
        if (spec.commonName() != null) {
            names.add(spec.commonName());
        }
        names.addAll(spec.names());
        return lookup(names);
    }

    /** {@return the user's certificate for one host, if one applies} */
    public Optional<CertifiedKey> lookup(String host) {
        return lookup(List.of(host));
    }

    /** {@return true when no certificate was given} */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    private Optional<CertifiedKey> lookup(List<String> names) {
        for (String name : names) {
            for (String form : asteriskForms(normalize(name))) {
                CertifiedKey hit = byName.get(form);
                if (hit != null) {
                    return Optional.of(hit);
                }
            }
        }
        return Optional.ofNullable(byName.get("*"));
    }

    /** www.a.com → www.a.com, *.a.com, *.com (most specific first). */
    static List<String> asteriskForms(String name) {
        List<String> forms = new ArrayList<>();
        forms.add(name);
        if (HostNames.isIpLiteral(name)) {
            return forms;
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            forms.add("*" + name.substring(dot));
        }
        return forms;
    }

    private static String normalize(String name) {
        return HostNames.stripBrackets(name).toLowerCase(Locale.ROOT);
    }
}
