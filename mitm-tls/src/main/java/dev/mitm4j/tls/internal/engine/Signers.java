package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link CertifiedKey} into BouncyCastle signing credentials for one handshake, choosing
 * the signature scheme from the peer's list in our order of preference (RSA-PSS before PKCS#1 for
 * RSA keys, as TLS 1.3 requires; ECDSA P-256 for EC keys). Stateless.
 */
final class Signers {
    private static final List<SignatureAndHashAlgorithm> RSA_13 = List.of(
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha384,
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha512);
    private static final List<SignatureAndHashAlgorithm> RSA_12 = List.of(
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha384,
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha512, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, SignatureAlgorithm.rsa));
    private static final List<SignatureAndHashAlgorithm> EC_13 = List.of(
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    private static final List<SignatureAndHashAlgorithm> EC_12 = List.of(
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, SignatureAlgorithm.ecdsa));

    private Signers() {}

    /** {@return credentials for {@code key}, signing with a scheme the peer accepts} */
    static TlsCredentialedSigner signer(TlsContext context, JcaTlsCrypto crypto, CertifiedKey key,
            @Nullable Vector<?> peerAlgorithms, byte[] requestContext) throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        SignatureAndHashAlgorithm scheme = choose(key, tls13, peerAlgorithms);
        Certificate chain = chain(crypto, key.chain(), tls13, requestContext);
        return new JcaDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context), crypto, key.key(), chain, scheme);
    }

    /** {@return true when a TLS 1.2 key exchange can be signed with a key of this algorithm} */
    static boolean supportsKeyExchange(KeyAlgorithm keyAlgorithm, int keyExchange) {
        return switch (keyExchange) {
            case KeyExchangeAlgorithm.NULL -> true; // TLS 1.3 suites
            case KeyExchangeAlgorithm.ECDHE_RSA, KeyExchangeAlgorithm.DHE_RSA ->
                    keyAlgorithm == KeyAlgorithm.RSA;
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> keyAlgorithm == KeyAlgorithm.EC;
            default -> false; // static RSA, PSK, SRP, DSS: not offered
        };
    }

    /**
     * {@return true when a key of {@code keyAlgorithm} can sign with a scheme of {@code peer}'s
     * list (null: a TLS 1.2 peer that sent none, which accepts SHA-1 of any key type)}
     */
    static boolean canSign(KeyAlgorithm keyAlgorithm, boolean tls13, @Nullable Vector<?> peer) {
        return scheme(keyAlgorithm, tls13, peer) != null;
    }

    private static SignatureAndHashAlgorithm choose(CertifiedKey key, boolean tls13,
            @Nullable Vector<?> peer) throws IOException {
        SignatureAndHashAlgorithm scheme = scheme(TlsServerConfig.algorithmOf(key), tls13, peer);
        if (scheme == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "no signature scheme in common for a " + key.key().getAlgorithm() + " key");
        }
        return scheme;
    }

    private static @Nullable SignatureAndHashAlgorithm scheme(KeyAlgorithm keyAlgorithm,
            boolean tls13, @Nullable Vector<?> peer) {
        boolean ec = keyAlgorithm == KeyAlgorithm.EC;
        List<SignatureAndHashAlgorithm> ours = ec ? (tls13 ? EC_13 : EC_12)
                : (tls13 ? RSA_13 : RSA_12);
        if (peer == null) {
            // TLS 1.2 peer without signature_algorithms: SHA-1 (RFC 5246 7.4.1.4.1)
            return tls13 ? null : ours.getLast();
        }
        for (SignatureAndHashAlgorithm candidate : ours) {
            if (peer.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Certificate chain(JcaTlsCrypto crypto, List<X509Certificate> certs,
            boolean tls13, byte[] requestContext) {
        TlsCertificate[] list = new TlsCertificate[certs.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = new JcaTlsCertificate(crypto, certs.get(i));
        }
        if (!tls13) {
            return new Certificate(list);
        }
        CertificateEntry[] entries = new CertificateEntry[list.length];
        for (int i = 0; i < list.length; i++) {
            entries[i] = new CertificateEntry(list[i], null);
        }
        return new Certificate(requestContext, entries);
    }
}
