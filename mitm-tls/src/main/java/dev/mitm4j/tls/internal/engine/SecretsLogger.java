package dev.mitm4j.tls.internal.engine;

import java.io.UncheckedIOException;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.jspecify.annotations.Nullable;

/**
 * Takes the secrets of one connection out of BouncyCastle's {@link SecurityParameters} at the two
 * moments they exist (see the package documentation) and writes them to the key log. One per
 * connection, used by its handshaking thread only. A failing key log is logged and ignored: it
 * must not break the traffic.
 */
final class SecretsLogger {
    private static final System.Logger LOG = System.getLogger(SecretsLogger.class.getName());

    private final @Nullable KeyLog keyLog;
    private boolean handshakeDone;

    SecretsLogger(@Nullable KeyLog keyLog) {
        this.keyLog = keyLog;
    }

    /** Called once the TLS 1.3 handshake keys are installed; ignored for TLS 1.2 or earlier. */
    void handshakeKeysReady(TlsContext context) {
        SecurityParameters p = context.getSecurityParametersHandshake();
        if (keyLog == null || handshakeDone || p == null || !isTls13(p)
                || p.getTrafficSecretClient() == null) {
            return;
        }
        handshakeDone = true;
        write(p.getClientRandom(),
                new String[] {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET"},
                new byte[][] {SecretBytes.of(p.getTrafficSecretClient()),
                    SecretBytes.of(p.getTrafficSecretServer())});
    }

    /** Called when the handshake completed: application secrets (1.3) or master secret (1.2). */
    void handshakeComplete(TlsContext context) {
        SecurityParameters p = context.getSecurityParametersConnection();
        if (p == null) {
            p = context.getSecurityParametersHandshake();
        }
        if (keyLog == null || p == null) {
            return;
        }
        if (isTls13(p)) {
            write(p.getClientRandom(),
                    new String[] {"CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
                        "EXPORTER_SECRET"},
                    new byte[][] {SecretBytes.of(p.getTrafficSecretClient()),
                        SecretBytes.of(p.getTrafficSecretServer()),
                        SecretBytes.of(p.getExporterMasterSecret())});
        } else {
            write(p.getClientRandom(), new String[] {"CLIENT_RANDOM"},
                    new byte[][] {SecretBytes.of(p.getMasterSecret())});
        }
    }

    private static boolean isTls13(SecurityParameters p) {
        ProtocolVersion v = p.getNegotiatedVersion();
        return v != null && ProtocolVersion.TLSv13.isEqualOrEarlierVersionOf(v);
    }

    private void write(byte[] clientRandom, String[] labels, byte[][] secrets) {
        try {
            if (keyLog != null) {
                keyLog.append(clientRandom, labels, secrets);
            }
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage(), e);
        }
    }
}
