package dev.mitm4j.core.tls;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;

/**
 * An HTTPS origin for tests: a MockWebServer on 127.0.0.1 whose certificate (names
 * {@code localhost} and {@code 127.0.0.1}, organization "Upstream Org") is signed by its own CA,
 * kept in its own confdir so that the proxy can be told to trust it (or not).
 */
final class HttpsUpstream implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final CertificateAuthority ca;
    final CertifiedKey leaf;

    HttpsUpstream(Path dir) throws Exception {
        this(dir, java.util.List.of(okhttp3.Protocol.HTTP_1_1));
    }

    /**
     * An origin that speaks {@code protocols} (ALPN picks among them); HTTP/1.1 only by default,
     * as the tests of HTTP/1 behaviour need.
     */
    HttpsUpstream(Path dir, java.util.List<okhttp3.Protocol> protocols) throws Exception {
        server.setProtocols(protocols);
        ca = CertificateAuthority.builder().confdir(dir.resolve("upstream-ca")).build();
        leaf = ca.leaf(CertificateSpec.builder().addName("localhost").addName("127.0.0.1")
                .organization("Upstream Org").build());
        server.useHttps(sslContext(leaf).getSocketFactory());
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    /** {@return the PEM file of the upstream CA, for ssl_verify_upstream_trusted_ca} */
    Path caPem() {
        return ca.confdir().resolve("mitmproxy-ca-cert.pem");
    }

    /** Forgets the requests recorded so far (the server is shared by a class's tests). */
    void drain() throws InterruptedException {
        while (server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS) != null) {
            // discard
        }
    }

    int port() {
        return server.getPort();
    }

    static SSLContext sslContext(CertifiedKey key) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "pw".toCharArray();
        ks.setKeyEntry("leaf", key.key(), pw, key.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    @Override
    public void close() throws java.io.IOException {
        server.close();
    }
}
