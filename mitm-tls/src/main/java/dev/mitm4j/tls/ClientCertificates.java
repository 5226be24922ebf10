package dev.mitm4j.tls;

import dev.mitm4j.tls.internal.HostNames;
import dev.mitm4j.tls.internal.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Client certificates for mutual TLS toward upstream servers (option {@code client_certs}): a
 * PEM file (certificate, chain and key) used for every server, or a directory in which
 * {@code HOST.pem} is used for the server HOST (its name or IP, as connected to), as mitmproxy
 * does. Files are read when a server asks, so certificates can be added while the proxy runs.
 *
 * <p>Thread-safe; holds no state besides the path.
 */
public final class ClientCertificates {
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9._:-]+");

    private final Path path;
    private final char @Nullable [] passphrase;

    private ClientCertificates(Path path, char @Nullable [] passphrase) {
        this.path = Objects.requireNonNull(path, "path");
        this.passphrase = passphrase;
    }

    /** {@return client certificates from {@code fileOrDirectory}} */
    public static ClientCertificates of(Path fileOrDirectory, @Nullable String passphrase) {
        return new ClientCertificates(fileOrDirectory,
                passphrase == null ? null : passphrase.toCharArray());
    }

    /**
     * {@return the certificate to present to {@code host}, if any}
     *
     * @throws CertificateAuthorityException naming the file when it exists but cannot be used
     */
    public Optional<CertifiedKey> forHost(String host) {
        Path file = path;
        if (Files.isDirectory(path)) {
            String h = HostNames.stripBrackets(host);
            if (!SAFE_HOST.matcher(h).matches() || h.contains("..")) {
                return Optional.empty(); // never let a host name walk out of the directory
            }
            file = path.resolve(h + ".pem");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(KeyFiles.load(file, passphrase, null));
    }

    /** {@return the file or directory} */
    public Path path() {
        return path;
    }
}
