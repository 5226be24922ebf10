package dev.mitm4j.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDK HttpClient talks HTTPS through the proxy, which intercepts TLS with a certificate from
 * the test run's CA; the test then asserts on the decrypted request the proxy captured.
 * {@code ssl_insecure} lets the proxy accept the origin's self-made certificate.
 */
@WithMitmProxy(options = "ssl_insecure=true")
class HttpsInterceptionExampleTest {

    @Test
    void capturesTheDecryptedRequest(MitmProxy proxy, RecordedFlows flows, @TempDir Path dir)
            throws Exception {
        try (MockWebServer origin = httpsOrigin(dir)) {
            origin.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
            URI uri = URI.create("https://127.0.0.1:" + origin.getPort() + "/api/orders");

            HttpResponse<String> response = proxy.httpClient().send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer test-token")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"item\":42}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("{\"ok\":true}", response.body());
        }
        HttpFlow flow = flows.await("~m POST & ~u /api/orders", Duration.ofSeconds(5));
        assertEquals("https", flow.request().scheme());
        assertEquals("Bearer test-token", flow.request().headers().get("Authorization"));
        assertEquals("{\"item\":42}", flow.request().text());
    }

    /** An HTTPS origin on 127.0.0.1 whose certificate comes from a CA nobody trusts. */
    private static MockWebServer httpsOrigin(Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.builder().confdir(dir)
                .keyAlgorithm(KeyAlgorithm.EC).build();
        CertifiedKey leaf = ca.leaf(CertificateSpec.builder().addName("127.0.0.1").build());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("origin", leaf.key(), new char[0],
                leaf.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        MockWebServer origin = new MockWebServer();
        origin.useHttps(tls.getSocketFactory());
        origin.start(InetAddress.getLoopbackAddress(), 0);
        return origin;
    }
}
