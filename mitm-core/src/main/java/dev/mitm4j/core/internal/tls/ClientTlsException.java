package dev.mitm4j.core.internal.tls;

import dev.mitm4j.tls.internal.engine.TlsHandshakeException;
import java.io.IOException;
import org.slf4j.Logger;

/**
 * The handshake with a client failed. Thrown by the TLS layer to end the connection; the
 * connection's catch ladder calls {@link #log} so that the level and wording live in one place:
 * a client that rejected our certificate is a WARN that says which host and how to install the
 * CA (the most common support question of any intercepting proxy); other failures are INFO.
 */
public final class ClientTlsException extends IOException {
    private final String host;
    private final boolean certificateRejected;
    private final String installHint;

    ClientTlsException(String host, TlsHandshakeException cause, String installHint) {
        super("client TLS handshake for " + host + " failed: " + cause.getMessage(), cause);
        this.host = host;
        this.certificateRejected = rejected(cause);
        this.installHint = installHint;
    }

    /** {@return whether the failure means the client does not trust our certificate} */
    static boolean rejected(TlsHandshakeException e) {
        return e.reason() == TlsHandshakeException.Reason.PEER_REJECTED_CERTIFICATE
                || e.reason() == TlsHandshakeException.Reason.PEER_CLOSED_AFTER_CERTIFICATE;
    }

    /** Logs this failure for connection {@code id} at the level its cause deserves. */
    public void log(Logger log, String id) {
        if (certificateRejected) {
            log.warn("{}: Client TLS handshake failed. The client does not trust the proxy's CA "
                    + "for {} ({}). {}", id, host, getCause().getMessage(), installHint);
        } else {
            log.info("{}: {}", id, getMessage());
        }
    }
}
