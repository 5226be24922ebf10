package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.CertificateAuthorityException;
import dev.mitm4j.tls.CertifiedKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;

/**
 * Loads a certificate with its chain and key from one PEM file, as the {@code certs} and
 * {@code client_certs} options name them. Errors name the file. Thread-safe.
 */
public final class KeyFiles {
    private KeyFiles() {}

    /**
     * {@return the key and chain of {@code file}}; when the file holds no key, {@code fallbackKey}
     * (the CA's key, as mitmproxy allows for {@code certs}) is used if it matches the certificate
     *
     * @throws CertificateAuthorityException naming the file when it is unreadable, holds no
     *     certificate, or no key that matches the first certificate
     */
    public static CertifiedKey load(Path file, char @Nullable [] passphrase,
            @Nullable PrivateKey fallbackKey) {
        Pem.Contents contents;
        try {
            contents = Pem.read(file, passphrase);
        } catch (IOException | RuntimeException e) {
            throw new CertificateAuthorityException(file, "cannot read: " + e.getMessage(), e);
        }
        if (contents.certificates().isEmpty()) {
            throw new CertificateAuthorityException(file, "no certificate in the file");
        }
        PrivateKey key = contents.key() != null ? contents.key() : fallbackKey;
        if (key == null) {
            throw new CertificateAuthorityException(file, "no private key in the file");
        }
        X509Certificate leaf = contents.certificates().getFirst();
        if (!CaStore.keyMatches(key, leaf)) {
            throw new CertificateAuthorityException(file, contents.key() != null
                    ? "the private key does not belong to the first certificate"
                    : "the file has no key and the certificate is not for the CA's key");
        }
        return new CertifiedKey(key, contents.certificates());
    }

}
