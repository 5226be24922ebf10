package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.Options;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.internal.HostNames;
import dev.mitm4j.tls.internal.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Certificates the user supplies: {@code certs} ({@code [domain=]path}, a PEM file with the key
 * and the chain; the domain may be a wildcard such as {@code *.example.com}, {@code *} when
 * omitted) shown to clients instead of a generated leaf, and {@code client_certs} (one PEM file,
 * or a directory of {@code HOST.pem}) presented to servers that ask for a client certificate.
 * Files are read once, when the first TLS connection needs them.
 */
final class UserCertificates {
    private record Entry(String domain, CertifiedKey key) {}

    private final List<Entry> certs;
    private final @Nullable Path clientCerts;
    private final char @Nullable [] passphrase;

    private UserCertificates(List<Entry> certs, @Nullable Path clientCerts,
            char @Nullable [] passphrase) {
        this.certs = certs;
        this.clientCerts = clientCerts;
        this.passphrase = passphrase;
    }

    /** @throws IllegalArgumentException naming the option when a file cannot be used */
    static UserCertificates from(Options options) {
        String pass = options.certPassphrase();
        char[] passphrase = pass == null ? null : pass.toCharArray();
        List<Entry> certs = new ArrayList<>();
        for (String spec : options.certs()) {
            int eq = spec.indexOf('=');
            String domain = eq < 0 ? "*" : spec.substring(0, eq);
            Path file = Paths.expand(eq < 0 ? spec : spec.substring(eq + 1));
            certs.add(new Entry(domain, load("certs", file, passphrase)));
        }
        String client = options.clientCerts();
        return new UserCertificates(List.copyOf(certs),
                client == null ? null : Paths.expand(client), passphrase);
    }

    /** {@return the user's certificate for {@code host}, or null to generate one} */
    @Nullable CertifiedKey forHost(@Nullable String host) {
        for (Entry e : certs) {
            if (e.domain().equals("*") || (host != null && HostNames.matches(e.domain(), host))) {
                return e.key();
            }
        }
        return null;
    }

    /** {@return the client certificate for {@code host}, or null} */
    @Nullable CertifiedKey clientCertificate(String host) {
        if (clientCerts == null) {
            return null;
        }
        Path file = Files.isDirectory(clientCerts) ? clientCerts.resolve(host + ".pem")
                : clientCerts;
        return Files.isRegularFile(file) ? load("client_certs", file, passphrase) : null;
    }

    private static CertifiedKey load(String option, Path file, char @Nullable [] passphrase) {
        try {
            Pem.Contents c = Pem.read(file, passphrase);
            if (c.key() == null || c.certificates().isEmpty()) {
                throw new IllegalArgumentException(option + ": " + file
                        + " must hold a private key and a certificate (PEM)");
            }
            return new CertifiedKey(c.key(), c.certificates());
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(option)) {
                throw iae;
            }
            throw new IllegalArgumentException(option + ": cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
