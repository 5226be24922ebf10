package dev.mitm4j.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Makes Java clients trust a CA (typically {@link CertificateAuthority#certificate()}) so that
 * they accept the leaves the proxy shows. Everything here trusts <em>only</em> the given
 * certificates, not the JDK's roots: a test client that goes through the proxy needs nothing
 * else, and a mistake shows up as a handshake failure instead of silently passing.
 *
 * <pre>{@code
 * HttpClient client = HttpClient.newBuilder()
 *         .proxy(ProxySelector.of(proxyAddress))
 *         .sslContext(CaTrust.sslContext(ca.certificate()))
 *         .build();
 * }</pre>
 *
 * <p>Stateless and thread-safe; each call returns new objects. Host name verification stays on:
 * the leaves carry the right names.
 */
public final class CaTrust {
    private CaTrust() {}

    /** {@return a PKCS#12 key store (in memory) holding each CA as a trusted certificate entry} */
    public static KeyStore trustStore(X509Certificate... cas) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < cas.length; i++) {
                ks.setCertificateEntry("ca-" + i, cas[i]);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust store: " + e, e);
        }
    }

    /** {@return the JDK's PKIX trust manager over {@code cas} only} */
    public static X509TrustManager trustManager(X509Certificate... cas) {
        try {
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(cas));
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust manager: " + e, e);
        }
    }

    /** {@return an initialized client {@code SSLContext} ("TLS") trusting {@code cas} only} */
    public static SSLContext sslContext(X509Certificate... cas) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustManager(cas)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an SSLContext: " + e, e);
        }
    }

    /** {@return the PEM text of {@code cert}} */
    public static String pem(X509Certificate cert) {
        return dev.mitm4j.tls.internal.Pem.encode(cert);
    }
}
