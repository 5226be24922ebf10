package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * leaf_key_type through the proxy (CONNECT, then TLS with real clients): by default ("auto") a
 * client that accepts ECDSA gets an EC leaf and one that offers only RSA suites gets an RSA leaf
 * signed by the same CA; "rsa" gives every client an RSA leaf, "ec" refuses RSA-only clients.
 */
class LeafKeyTypeTest {
    private static final String[] RSA_SUITES = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"};

    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private static CertificateAuthority ca;
    private ProxyServer proxy;
    private final RecordingTlsAddon recorder = new RecordingTlsAddon();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new HttpsUpstream(dir);
        ca = CertificateAuthority.load(dir.resolve("confdir"));
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        upstream.drain();
    }

    private void start(String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "ssl_verify_upstream_trusted_ca";
        all[1] = upstream.caPem().toString();
        System.arraycopy(options, 0, all, 2, options.length);
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir"), all), recorder);
    }

    @Test
    void opensslOfferingOnlyAnEcdheRsaSuiteGetsThroughWithAnRsaLeaf() throws Exception {
        start();
        upstream.server.enqueue(new MockResponse.Builder().body("rsa only").build());
        String out = Commands.run("GET /rsa HTTP/1.1\r\nHost: localhost:" + upstream.port()
                + "\r\nConnection: close\r\n\r\n", "openssl", "s_client", "-ign_eof",
                "-proxy", "127.0.0.1:" + proxy.port(), "-connect", "localhost:" + upstream.port(),
                "-servername", "localhost", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
                "-CAfile", caPem().toString(), "-verify_return_error");
        assertTrue(out.contains("Verify return code: 0 (ok)"), out);
        assertTrue(out.contains("Server public key is 2048 bit"), out);
        assertTrue(out.contains("HTTP/1.1 200 OK") && out.contains("rsa only"), out);
        ClientConnection client = recorder.flows.getFirst().client();
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", client.cipher());
        assertEquals("RSA", shown(client).getPublicKey().getAlgorithm());
        shown(client).verify(ca.certificate().getPublicKey());
    }

    @Test
    void aJdkClientRestrictedToRsaSuitesGetsAnRsaLeafAndADefaultOneAnEcLeaf() throws Exception {
        start();
        upstream.server.enqueue(new MockResponse.Builder().body("one").build());
        upstream.server.enqueue(new MockResponse.Builder().body("two").build());
        HttpResponse<String> rsa = get(tls12With(RSA_SUITES), "/rsa");
        assertEquals("one", rsa.body());
        assertEquals("RSA", serverKey(rsa));
        HttpResponse<String> ec = get(null, "/ec");
        assertEquals("two", ec.body());
        assertEquals("EC", serverKey(ec));
        assertEquals("TLSv1.3", ec.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void leafKeyTypeRsaGivesEveryClientAnRsaLeafAsMitmproxyDoes() throws Exception {
        start("leaf_key_type", "rsa");
        upstream.server.enqueue(new MockResponse.Builder().body("rsa").build());
        HttpResponse<String> r = get(null, "/");
        assertEquals("RSA", serverKey(r));
        assertEquals("RSA", shown(recorder.flows.getFirst().client()).getPublicKey()
                .getAlgorithm());
    }

    @Test
    void leafKeyTypeEcRefusesAClientThatOffersOnlyRsaSuites() throws Exception {
        start("leaf_key_type", "ec");
        assertThrows(SSLHandshakeException.class, () -> get(tls12With(RSA_SUITES), "/"));
        TlsRecords.awaitEvent(recorder, "tls_failed_client");
    }

    private static Path caPem() {
        return ca.confdir().resolve("mitmproxy-ca-cert.pem");
    }

    private static SSLParameters tls12With(String... suites) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setCipherSuites(suites);
        return p;
    }

    /** {@return the response of a JDK client through the proxy with {@code tls} (null: default)} */
    private HttpResponse<String> get(@Nullable SSLParameters tls, String path) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .sslContext(CaTrust.sslContext(ca.certificate()))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslParameters(tls);
        }
        return Proxies.get(b.build(), "https://localhost:" + upstream.port() + path);
    }

    private static String serverKey(HttpResponse<?> response) throws Exception {
        return response.sslSession().orElseThrow().getPeerCertificates()[0].getPublicKey()
                .getAlgorithm();
    }

    private static X509Certificate shown(ClientConnection client) {
        X509Certificate cert = client.mitmcert();
        if (cert == null) {
            throw new AssertionError("no certificate recorded for " + client);
        }
        return cert;
    }
}
