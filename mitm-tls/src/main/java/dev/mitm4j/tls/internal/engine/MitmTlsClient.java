package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertifiedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * The proxy as a TLS client toward one upstream server: sends the SNI and ALPN offer it is told,
 * verifies the server's chain and name unless insecure, presents a client certificate when asked
 * and one is configured, and hands the secrets to the key log. One per handshake.
 */
final class MitmTlsClient extends DefaultTlsClient {
    private final JcaTlsCrypto crypto;
    private final TlsClientConfig config;
    private final SecretsLogger secrets;
    private short alertReceived = -1;
    private volatile boolean closeNotifyReceived;
    private List<X509Certificate> peerChain = List.of();

    MitmTlsClient(JcaTlsCrypto crypto, TlsClientConfig config) {
        super(crypto);
        this.crypto = crypto;
        this.config = config;
        this.secrets = new SecretsLogger(config.keyLog());
    }

    /** {@return the last fatal alert the peer sent, or -1} */
    short alertReceived() {
        return alertReceived;
    }

    /** {@return whether the peer sent close_notify} */
    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        super.notifyAlertReceived(alertLevel, alertDescription);
        if (alertLevel == org.bouncycastle.tls.AlertLevel.fatal) {
            alertReceived = alertDescription;
        } else if (alertDescription == org.bouncycastle.tls.AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    /** {@return the parameters of the established connection} */
    org.bouncycastle.tls.SecurityParameters established() {
        return context.getSecurityParametersConnection();
    }

    List<X509Certificate> peerChain() {
        return peerChain;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return CipherSuites.supported(getCrypto(), config.cipherSuites());
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        ProtocolVersion[] versions = TlsVersion.range(config.min(), config.max());
        int[] suites = config.cipherSuites();
        return suites == null ? versions : CipherSuites.usable(versions, suites);
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's signature
    protected @Nullable Vector getSNIServerNames() {
        String sni = config.sni();
        if (sni == null) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, sni.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's signature
    protected @Nullable Vector getProtocolNames() {
        if (config.alpnOffers().isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        for (String p : config.alpnOffers()) {
            names.add(ProtocolName.asRawBytes(p.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return names;
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's signature
    public void processServerExtensions(@Nullable Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        secrets.handshakeKeysReady(context); // TLS 1.3: EncryptedExtensions, under handshake keys
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        secrets.handshakeComplete(context);
    }

    @Override
    public boolean requiresCloseNotify() {
        return false; // many servers just close; treat it as end of stream
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate)
                    throws IOException {
                checkServer(serverCertificate);
            }

            @Override
            public @Nullable TlsCredentials getClientCredentials(CertificateRequest request)
                    throws IOException {
                CertifiedKey key = config.clientCertificate();
                if (key == null) {
                    return null;
                }
                byte[] ctx = request.getCertificateRequestContext();
                return Signers.signer(context, crypto, key,
                        request.getSupportedSignatureAlgorithms(),
                        ctx == null ? TlsUtils.EMPTY_BYTES : ctx);
            }
        };
    }

    private void checkServer(TlsServerCertificate serverCertificate) throws IOException {
        TlsCertificate[] list = serverCertificate.getCertificate().getCertificateList();
        X509Certificate[] chain = new X509Certificate[list.length];
        for (int i = 0; i < list.length; i++) {
            chain[i] = JcaTlsCertificate.convert(crypto, list[i]).getX509Certificate();
        }
        peerChain = List.of(chain);
        if (config.insecure()) {
            return;
        }
        try {
            UpstreamVerifier.verify(chain, config.host(), config.trust());
        } catch (CertificateException | RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "certificate verify failed for " + config.host() + ": " + e.getMessage(), e);
        }
    }
}
