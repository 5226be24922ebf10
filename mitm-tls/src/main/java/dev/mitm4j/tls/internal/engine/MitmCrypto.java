package dev.mitm4j.tls.internal.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The TLS crypto both legs share: BouncyCastle's JCA crypto over the JDK's providers first (see
 * {@link JdkFirstHelper}), except for X25519 key exchange, which runs on BouncyCastle's
 * RFC 7748 arithmetic directly. X25519 is the group nearly every client and server picks, and
 * every intercepted connection costs two key pairs and two agreements (one per leg); the direct
 * arithmetic is about 2.5 times faster than the JDK's {@code XDH} provider and skips the
 * encoding of each ephemeral key as a JCA {@code PublicKey}. AES-GCM records run on
 * {@link GcmCipher}. Thread-safe.
 */
final class MitmCrypto extends JcaTlsCrypto {
    private final JdkFirstHelper helper;

    MitmCrypto(JdkFirstHelper helper, SecureRandom random) {
        super(helper, helper, random, random);
        this.helper = helper;
    }

    /** AES-GCM records on {@link GcmCipher}; every other cipher as BouncyCastle makes it. */
    @Override
    protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize,
            boolean isEncrypting) throws GeneralSecurityException {
        if (cipherName.equals("AES/GCM/NoPadding")) {
            return new GcmCipher(helper.createCipher(cipherName), isEncrypting);
        }
        return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
    }

    @Override
    public TlsECDomain createECDomain(TlsECConfig ecConfig) {
        if (ecConfig.getNamedGroup() == NamedGroup.x25519) {
            return X25519Agreement::new;
        }
        return super.createECDomain(ecConfig);
    }

    /** One ephemeral X25519 exchange: a key pair, the peer's public value, the shared secret. */
    private final class X25519Agreement implements TlsAgreement {
        private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
        private byte[] peerValue = new byte[0];

        @Override
        public byte[] generateEphemeral() {
            X25519.generatePrivateKey(getSecureRandom(), privateKey);
            byte[] publicKey = new byte[X25519.POINT_SIZE];
            X25519.generatePublicKey(privateKey, 0, publicKey, 0);
            return publicKey;
        }

        @Override
        public void receivePeerValue(byte[] value) throws IOException {
            if (value.length != X25519.POINT_SIZE) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter);
            }
            peerValue = value.clone();
        }

        @Override
        public TlsSecret calculateSecret() throws IOException {
            byte[] shared = new byte[X25519.POINT_SIZE];
            try {
                // RFC 7748 section 6.1: an all-zero result means a small-order peer point.
                if (!X25519.calculateAgreement(privateKey, 0, peerValue, 0, shared, 0)) {
                    throw new TlsFatalAlert(AlertDescription.handshake_failure);
                }
                return createSecret(shared);
            } finally {
                Arrays.fill(shared, (byte) 0);
                Arrays.fill(privateKey, (byte) 0);
            }
        }
    }
}
