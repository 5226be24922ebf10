package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.Vector;
import java.security.cert.X509Certificate;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * The proxy as a TLS server toward one client: learns SNI and the ALPN offer from the hello,
 * chooses the key algorithm the client accepts (see {@link TlsServerConfig}) and then the
 * certificate for that SNI and algorithm, restricts TLS 1.2 suites to those its key can sign,
 * answers ALPN through the config, and hands the secrets to the key log. One per handshake.
 */
final class MitmTlsServer extends DefaultTlsServer {
    private final JcaTlsCrypto crypto;
    private final TlsServerConfig config;
    private final SecretsLogger secrets;
    private short alertReceived = -1;
    private volatile boolean closeNotifyReceived;
    private boolean certificateSent;
    private @Nullable String sni;
    private List<String> offeredAlpn = List.of();
    private @Nullable KeyAlgorithm keyAlgorithm;
    private @Nullable CertifiedKey chosen;
    private List<X509Certificate> clientChain = List.of();

    MitmTlsServer(JcaTlsCrypto crypto, TlsServerConfig config) {
        super(crypto);
        this.crypto = crypto;
        this.config = config;
        this.secrets = new SecretsLogger(config.keyLog());
    }

    /** {@return true once our certificate is on its way to the client} */
    boolean certificateSent() {
        return certificateSent;
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

    @Nullable String sni() {
        return sni;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return CipherSuites.supported(getCrypto(), config.cipherSuites());
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true; // AES-GCM first: the JDK runs it fastest
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        ProtocolVersion[] versions = TlsVersion.range(config.min(), config.max());
        int[] suites = config.cipherSuites();
        return suites == null ? versions : CipherSuites.usable(versions, suites);
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's signature
    public void processClientExtensions(@Nullable Hashtable clientExtensions) throws IOException {
        if (clientExtensions != null) {
            readSniAndAlpn(clientExtensions); // first: BC may select ALPN inside super's call
        }
        super.processClientExtensions(clientExtensions);
    }

    private void readSniAndAlpn(Hashtable<?, ?> clientExtensions) throws IOException {
        Vector<?> names = TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (names != null) {
            for (Object o : names) {
                ServerName n = (ServerName) o;
                if (n.getNameType() == NameType.host_name) {
                    sni = new String(n.getNameData(), StandardCharsets.US_ASCII);
                    break;
                }
            }
        }
        Vector<?> alpn = TlsExtensionsUtils.getALPNExtensionClient(clientExtensions);
        if (alpn != null) {
            List<String> offers = new ArrayList<>();
            for (Object o : alpn) {
                offers.add(new String(((ProtocolName) o).getBytes(), StandardCharsets.ISO_8859_1));
            }
            offeredAlpn = List.copyOf(offers);
        }
    }

    @Override
    protected @Nullable ProtocolName selectProtocolName() {
        String chosenAlpn = config.selectAlpn(offeredAlpn);
        return chosenAlpn == null ? null
                : ProtocolName.asRawBytes(chosenAlpn.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Chooses the key algorithm with the suite: in TLS 1.3 the first of the config's algorithms
     * the client's signature_algorithms allow; in TLS 1.2 the first for which a suite is
     * selectable (each tried in turn, as the suites depend on it).
     */
    @Override
    public int getSelectedCipherSuite() throws IOException {
        List<KeyAlgorithm> candidates = config.keyAlgorithms();
        Vector<?> sigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        if (TlsUtils.isTLSv13(context.getSecurityParametersHandshake().getNegotiatedVersion())) {
            keyAlgorithm = candidates.stream().filter(a -> Signers.canSign(a, true, sigAlgs))
                    .findFirst().orElse(candidates.getFirst());
            return super.getSelectedCipherSuite();
        }
        @Nullable TlsFatalAlert none = null;
        for (KeyAlgorithm candidate : candidates) {
            keyAlgorithm = candidate;
            try {
                return super.getSelectedCipherSuite();
            } catch (TlsFatalAlert e) {
                if (e.getAlertDescription() != AlertDescription.handshake_failure) {
                    throw e;
                }
                none = e;
            }
        }
        throw Objects.requireNonNull(none, "no key algorithm");
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's signature
    protected boolean isSelectableCipherSuite(int cipherSuite, int availCurveBits,
            int availFiniteFieldBits, Vector sigAlgs) {
        KeyAlgorithm algorithm = keyAlgorithm();
        return super.isSelectableCipherSuite(cipherSuite, availCurveBits, availFiniteFieldBits,
                sigAlgs) && Signers.supportsKeyExchange(algorithm,
                TlsUtils.getKeyExchangeAlgorithm(cipherSuite))
                && Signers.canSign(algorithm, false,
                        context.getSecurityParametersHandshake().getClientSigAlgs());
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        secrets.handshakeKeysReady(context); // TLS 1.3: just after the handshake keys
        certificateSent = true;
        return Signers.signer(context, crypto, certifiedKey(),
                context.getSecurityParametersHandshake().getClientSigAlgs(), TlsUtils.EMPTY_BYTES);
    }

    /**
     * With {@link TlsServerConfig#requestClientCertificate()}: asks the client for a certificate
     * (mitmproxy's request_client_cert). Any certificate, or none, is accepted; BouncyCastle still
     * checks the client's CertificateVerify signature against it.
     */
    @Override
    public @Nullable CertificateRequest getCertificateRequest() throws IOException {
        secrets.handshakeKeysReady(context);
        if (!config.requestClientCertificate()) {
            return null;
        }
        Vector<?> sigAlgs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, null);
        }
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign,
            ClientCertificateType.rsa_sign}, sigAlgs, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        TlsCertificate[] list = clientCertificate.getCertificateList();
        List<X509Certificate> chain = new ArrayList<>(list.length);
        for (TlsCertificate c : list) {
            chain.add(JcaTlsCertificate.convert(crypto, c).getX509Certificate());
        }
        clientChain = List.copyOf(chain);
    }

    /** {@return the chain the client sent when asked for one, leaf first; else empty} */
    List<X509Certificate> clientChain() {
        return clientChain;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        secrets.handshakeComplete(context);
    }

    @Override
    public boolean requiresCloseNotify() {
        return false; // clients often just close; that is an end of stream, not an attack here
    }

    private KeyAlgorithm keyAlgorithm() {
        return keyAlgorithm != null ? keyAlgorithm : config.keyAlgorithms().getFirst();
    }

    private CertifiedKey certifiedKey() {
        if (chosen == null) {
            chosen = config.certificateFor(sni, keyAlgorithm());
        }
        return chosen;
    }
}
