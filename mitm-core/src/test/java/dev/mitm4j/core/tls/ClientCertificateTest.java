package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * request_client_cert: the proxy asks the client for a certificate during its handshake and
 * records what the client sent as the flow's client certificate list (mitmproxy's
 * client_conn.certificate_list); without the option the client is not asked.
 */
class ClientCertificateTest {
    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private static CertifiedKey clientKey;

    @BeforeAll
    static void start() throws Exception {
        upstream = new HttpsUpstream(dir);
        clientKey = CertificateAuthority.builder().confdir(dir.resolve("client-ca")).build()
                .leaf(CertificateSpec.builder().addName("client.example").build());
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theClientsCertificateIsRecordedWhenAskedFor(boolean request) throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        Path confdir = dir.resolve("confdir");
        try (ProxyServer proxy = Proxies.start(Proxies.options(confdir,
                "mode", "reverse:https://localhost:" + upstream.port(),
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString(),
                "request_client_cert", String.valueOf(request)), recorder)) {
            upstream.server.enqueue(new MockResponse.Builder().body("mutual").build());
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(withKey(CertificateAuthority.load(confdir).certificate()))
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + proxy.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("mutual", response.body());
            List<X509Certificate> recorded = recorder.flows.getFirst().client().certificateList();
            assertEquals(request ? clientKey.chain() : List.of(), recorded);
        }
    }

    /** {@return a context that trusts {@code ca} and has the client key to show} */
    private static SSLContext withKey(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] pw = "pw".toCharArray();
        store.setKeyEntry("client", clientKey.key(), pw,
                clientKey.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store, pw);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), new TrustManager[] {CaTrust.trustManager(ca)}, null);
        return context;
    }
}
