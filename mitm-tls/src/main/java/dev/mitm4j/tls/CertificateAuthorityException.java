package dev.mitm4j.tls;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The certificate authority or a user certificate could not be loaded, created or used: an expired
 * CA, an unreadable or malformed PEM file, a key that does not match its certificate, a wrong
 * passphrase. Unchecked, because it is a configuration failure the caller cannot retry around.
 *
 * <p>The message names the file (when there is one) and says what was wrong; it never contains
 * key material.
 */
public final class CertificateAuthorityException extends RuntimeException {
    private final @Nullable Path file;

    public CertificateAuthorityException(@Nullable Path file, String message) {
        this(file, message, null);
    }

    public CertificateAuthorityException(
            @Nullable Path file, String message, @Nullable Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** {@return the file at fault, or null when the failure is not about one file} */
    public @Nullable Path file() {
        return file;
    }
}
