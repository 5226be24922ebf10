package dev.mitm4j.tls.internal.engine;

import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * A TLS handshake of the engine failed. {@link #reason()} tells the proxy what to say: a client
 * that rejected the proxy's certificate (it does not trust the CA), an upstream certificate that
 * failed verification, no common version or cipher, no common application protocol (ALPN), or a
 * broken or closed connection.
 */
public final class TlsHandshakeException extends SSLHandshakeException {
    /** Why the handshake failed. */
    public enum Reason {
        /** The peer sent an alert about our certificate (bad_certificate, unknown_ca, ...). */
        PEER_REJECTED_CERTIFICATE,
        /**
         * The client hung up after it received our certificate, without saying why: most often it
         * does not trust the proxy's CA (mitmproxy reports it the same way, as a likely cause).
         */
        PEER_CLOSED_AFTER_CERTIFICATE,
        /** The upstream server's certificate is not trusted or does not name the host. */
        UNTRUSTED_PEER_CERTIFICATE,
        /** No common protocol version, cipher suite or signature algorithm. */
        NO_COMMON_PARAMETERS,
        /**
         * The peer accepts none of the application protocols offered in ALPN (alert
         * {@code no_application_protocol}, RFC 7301), e.g. a server that speaks only HTTP/2
         * offered only {@code http/1.1}.
         */
        NO_COMMON_APPLICATION_PROTOCOL,
        /** The peer sent another fatal alert. */
        PEER_ALERT,
        /** The connection closed or broke during the handshake, or the peer spoke nonsense. */
        CONNECTION
    }

    private final Reason reason;
    private final @Nullable String alert;

    public TlsHandshakeException(Reason reason, @Nullable String alert, String message,
            @Nullable Throwable cause) {
        super(message);
        this.reason = reason;
        this.alert = alert;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** {@return why the handshake failed} */
    public Reason reason() {
        return reason;
    }

    /** {@return the TLS alert sent or received (e.g. {@code unknown_ca}), or null} */
    public @Nullable String alert() {
        return alert;
    }
}
