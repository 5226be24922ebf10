package dev.mitm4j.tls.internal.engine;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The cipher suites both sides offer, fastest first on the JDK: AES-GCM (intrinsified) before
 * ChaCha20-Poly1305, forward-secret ECDHE only for TLS 1.2, CBC suites last for old peers.
 * Which of the TLS 1.2 suites a server can pick also depends on its key (RSA or ECDSA).
 */
final class CipherSuites {
    private static final int[] PREFERRED = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    };

    private CipherSuites() {}

    /** {@return our suites that {@code crypto} supports, in our order} */
    static int[] supported(TlsCrypto crypto) {
        return TlsUtils.getSupportedCipherSuites(crypto, PREFERRED);
    }
}
