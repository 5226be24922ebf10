package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.internal.engine.TlsHandshakeException.Reason;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Set;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Turns BouncyCastle's handshake exceptions into {@link TlsHandshakeException}s whose reason the
 * proxy can act on, after closing the protocol. Stateless.
 */
final class HandshakeFailures {
    private static final Set<Short> CERTIFICATE_ALERTS = Set.of(AlertDescription.bad_certificate,
            AlertDescription.unsupported_certificate, AlertDescription.certificate_revoked,
            AlertDescription.certificate_expired, AlertDescription.certificate_unknown,
            AlertDescription.unknown_ca, AlertDescription.decrypt_error);
    private static final Set<Short> PARAMETER_ALERTS = Set.of(AlertDescription.handshake_failure,
            AlertDescription.protocol_version, AlertDescription.insufficient_security,
            AlertDescription.no_application_protocol);

    private HandshakeFailures() {}

    /** {@return the failure of a handshake with {@code peer} ("client" or "server")} */
    static TlsHandshakeException of(TlsProtocol protocol, Exception e, String peer,
            short alertReceived) {
        try {
            protocol.close();
        } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        if (e instanceof TlsFatalAlertReceived r) {
            return received(r.getAlertDescription(), peer, e);
        }
        if (alertReceived >= 0) {
            return received(alertReceived, peer, e);
        }
        if (e instanceof TlsFatalAlert f) {
            Reason reason = f.getCause() instanceof CertificateException
                    ? Reason.UNTRUSTED_PEER_CERTIFICATE : reasonOf(f.getAlertDescription(),
                    Reason.CONNECTION);
            return new TlsHandshakeException(reason, AlertDescription.getName(
                    f.getAlertDescription()), "TLS handshake with the " + peer + " failed: "
                    + f.getMessage(), e);
        }
        return new TlsHandshakeException(Reason.CONNECTION, null,
                "TLS handshake with the " + peer + " failed: " + e, e);
    }

    /** {@return the failure of a client that hung up after our certificate, without an alert} */
    static TlsHandshakeException closedAfterCertificate(@Nullable String sni, Exception e) {
        return new TlsHandshakeException(Reason.PEER_CLOSED_AFTER_CERTIFICATE, null,
                "the client closed the connection after receiving our certificate"
                + (sni == null ? "" : " for " + sni)
                + "; it probably does not trust the proxy's CA (" + e.getMessage() + ")", e);
    }

    private static TlsHandshakeException received(short alert, String peer, Exception e) {
        Reason reason = CERTIFICATE_ALERTS.contains(alert) ? Reason.PEER_REJECTED_CERTIFICATE
                : reasonOf(alert, Reason.PEER_ALERT);
        String name = AlertDescription.getName(alert);
        return new TlsHandshakeException(reason, name, "the " + peer + " aborted the handshake"
                + " with alert " + name + (reason == Reason.PEER_REJECTED_CERTIFICATE
                ? " (it does not accept our certificate)" : ""), e);
    }

    /** {@return the reason a negotiation alert stands for, else {@code otherwise}} */
    private static Reason reasonOf(short alert, Reason otherwise) {
        if (alert == AlertDescription.no_application_protocol) {
            return Reason.NO_COMMON_APPLICATION_PROTOCOL;
        }
        return PARAMETER_ALERTS.contains(alert) ? Reason.NO_COMMON_PARAMETERS : otherwise;
    }
}
