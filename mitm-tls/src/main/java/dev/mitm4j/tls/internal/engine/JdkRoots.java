package dev.mitm4j.tls.internal.engine;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's default trust anchors (the {@code cacerts} of the running JDK, or whatever the
 * {@code javax.net.ssl.trustStore} properties name), loaded once on first use. Upstream
 * certificates are verified against these unless the proxy is told otherwise.
 */
public final class JdkRoots {
    private JdkRoots() {}

    /**
     * {@return the JDK's default X.509 trust manager}
     *
     * @throws IllegalStateException when the JDK's trust store cannot be loaded
     */
    public static X509TrustManager trustManager() {
        return Holder.TRUST;
    }

    private static final class Holder {
        static final X509TrustManager TRUST = load();
    }

    private static X509TrustManager load() {
        try {
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's trust anchors: " + e, e);
        }
    }
}
