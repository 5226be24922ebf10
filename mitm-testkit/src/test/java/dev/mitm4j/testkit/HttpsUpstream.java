package dev.mitm4j.testkit;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * An HTTPS origin on 127.0.0.1 with a certificate from a CA of its own that nobody trusts: the
 * proxy reaches it with {@code ssl_insecure=true}, clients only through the proxy's CA.
 */
final class HttpsUpstream implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final Path dir;

    HttpsUpstream(String body) throws Exception {
        dir = Files.createTempDirectory("testkit-upstream-ca");
        CertificateAuthority ca = CertificateAuthority.builder().confdir(dir)
                .keyAlgorithm(KeyAlgorithm.EC).build();
        CertifiedKey leaf = ca.leaf(CertificateSpec.builder().addName("localhost")
                .addName("127.0.0.1").build());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "pw".toCharArray();
        ks.setKeyEntry("leaf", leaf.key(), pw, leaf.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server.useHttps(ctx.getSocketFactory());
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().body(body).build());
        }
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getPort() + path);
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
