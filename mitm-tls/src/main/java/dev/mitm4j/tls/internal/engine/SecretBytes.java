package dev.mitm4j.tls.internal.engine;

import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsCrypto;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;
import org.jspecify.annotations.Nullable;

/**
 * Reads a BouncyCastle secret's bytes without destroying it ({@link TlsSecret#extract()} would).
 * BC's secret base class offers a protected static copy for its subclasses; this class is such a
 * subclass only to reach it and is never instantiated.
 */
final class SecretBytes extends AbstractTlsSecret {
    private static final String NEVER = "SecretBytes is never instantiated";

    private SecretBytes() {
        super(new byte[0]);
    }

    /** {@return a copy of the secret's bytes, or null when absent, destroyed or foreign} */
    static byte @Nullable [] of(@Nullable TlsSecret secret) {
        if (secret instanceof AbstractTlsSecret s && s.isAlive()) {
            return copyData(s);
        }
        return null;
    }

    @Override
    protected AbstractTlsCrypto getCrypto() {
        throw new AssertionError(NEVER);
    }

    @Override
    public TlsSecret deriveUsingPRF(int prfAlgorithm, String label, byte[] seed, int length) {
        throw new AssertionError(NEVER);
    }

    @Override
    public TlsSecret hkdfExpand(int cryptoHashAlgorithm, byte[] info, int length) {
        throw new AssertionError(NEVER);
    }

    @Override
    public TlsSecret hkdfExtract(int cryptoHashAlgorithm, TlsSecret ikm) {
        throw new AssertionError(NEVER);
    }
}
