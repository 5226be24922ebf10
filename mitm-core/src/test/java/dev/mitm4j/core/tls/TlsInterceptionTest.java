package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS through CONNECT with the JDK's HttpClient: the explicit-HTTPS sequence end to end. */
class TlsInterceptionTest {
    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private ProxyServer proxy;
    private final RecordingTlsAddon recorder = new RecordingTlsAddon();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new HttpsUpstream(dir);
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

    private HttpClient trustingProxyCa(String... options) {
        Path confdir = dir.resolve("confdir");
        proxy = Proxies.start(Proxies.options(confdir, options), recorder);
        SSLContext trust = CaTrust.sslContext(CertificateAuthority.load(confdir).certificate());
        return Proxies.client(proxy.port(), trust);
    }

    private String[] trustUpstream(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void interceptsHttpsByNameWithSchemeHttpsAndTlsFacts() throws Exception {
        HttpClient client = trustingProxyCa(trustUpstream());
        upstream.server.enqueue(new MockResponse.Builder().body("secret").build());
        HttpResponse<String> response = Proxies.get(client,
                "https://localhost:" + upstream.port() + "/x");
        assertEquals(200, response.statusCode());
        assertEquals("secret", response.body());
        HttpFlow flow = recorder.flows.getFirst();
        assertEquals("https", flow.request().scheme());
        assertEquals("https://localhost:" + upstream.port() + "/x", flow.request().url());
        ClientConnection c = flow.client();
        assertEquals("localhost", c.sni());
        assertEquals(null, c.alpn(), "the JDK's HTTP/1.1 client offers no ALPN");
        assertTrue(c.tlsVersion().startsWith("TLSv1."), c.tlsVersion());
        assertNotNull(c.cipher());
        assertNotNull(c.timestampTlsSetup());
        assertNotNull(c.mitmcert());
        X509Certificate real = flow.server().certificateList().getFirst();
        assertEquals(upstream.leaf.leaf(), real);
        assertEquals("localhost", flow.server().sni());
        assertEquals(List.of("tls_clienthello localhost", "tls_established_server",
                "tls_established_client", "response https://localhost:" + upstream.port() + "/x"),
                recorder.events);
    }

    @Test
    void leafCopiesUpstreamOrganizationAndNames() throws Exception {
        HttpClient client = trustingProxyCa(trustUpstream());
        upstream.server.enqueue(new MockResponse.Builder().body("ok").build());
        Proxies.get(client, "https://localhost:" + upstream.port() + "/");
        X509Certificate leaf = recorder.flows.getFirst().client().mitmcert();
        assertTrue(leaf.getSubjectX500Principal().getName().contains("O=Upstream Org"),
                leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getIssuerX500Principal().getName().contains("CN=mitmproxy"));
    }

    @Test
    void ipTargetWithoutSniGetsIpSan() throws Exception {
        HttpClient client = trustingProxyCa(trustUpstream());
        upstream.server.enqueue(new MockResponse.Builder().body("by ip").build());
        HttpResponse<String> response = Proxies.get(client,
                "https://127.0.0.1:" + upstream.port() + "/");
        assertEquals("by ip", response.body());
        ClientConnection c = recorder.flows.getFirst().client();
        assertEquals(null, c.sni());
        assertTrue(c.mitmcert().getSubjectAlternativeNames().stream()
                .anyMatch(san -> san.get(1).equals("127.0.0.1")));
    }

    @Test
    void upstreamCertOffStillNamesTheLeafFromSni() throws Exception {
        HttpClient client = trustingProxyCa(trustUpstream("upstream_cert", "false"));
        upstream.server.enqueue(new MockResponse.Builder().body("lazy").build());
        HttpResponse<String> response = Proxies.get(client,
                "https://localhost:" + upstream.port() + "/");
        assertEquals("lazy", response.body());
        X509Certificate leaf = recorder.flows.getFirst().client().mitmcert();
        assertFalse(leaf.getSubjectX500Principal().getName().contains("Upstream Org"));
        assertEquals(List.of("tls_clienthello localhost", "tls_established_client",
                "tls_established_server", "response https://localhost:" + upstream.port() + "/"),
                recorder.events);
    }

    @Test
    void keepsTheTunnelAliveAcrossRequests() throws Exception {
        HttpClient client = trustingProxyCa(trustUpstream());
        for (int i = 0; i < 3; i++) {
            upstream.server.enqueue(new MockResponse.Builder().body("r" + i).build());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("r" + i, Proxies.get(client,
                    "https://localhost:" + upstream.port() + "/" + i).body());
        }
        int first = upstream.server.takeRequest().getConnectionIndex();
        for (int i = 1; i < 3; i++) {
            assertEquals(first, upstream.server.takeRequest().getConnectionIndex(), "request " + i);
        }
        assertEquals(1, recorder.events.stream().filter(e -> e.startsWith("tls_clienthello"))
                .count());
    }

    @Test
    void upstreamVerificationFailureAnswers502WithAnErrorFlow() throws Exception {
        HttpClient client = trustingProxyCa();
        HttpResponse<String> response = Proxies.get(client,
                "https://localhost:" + upstream.port() + "/v");
        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("Certificate verification error for localhost"),
                response.body());
        HttpFlow flow = recorder.flows.getFirst();
        assertNotNull(flow.error());
        assertTrue(flow.error().msg().contains("Certificate verification error"),
                flow.error().msg());
        assertTrue(recorder.events.contains("tls_failed_server"), recorder.events.toString());
        assertTrue(recorder.events.contains("error https://localhost:" + upstream.port() + "/v"),
                recorder.events.toString());
    }

    @Test
    void sslInsecureSkipsUpstreamVerification() throws Exception {
        HttpClient client = trustingProxyCa("ssl_insecure", "true");
        upstream.server.enqueue(new MockResponse.Builder().body("insecure").build());
        assertEquals("insecure", Proxies.get(client,
                "https://localhost:" + upstream.port() + "/").body());
    }

    @Test
    void clientWithoutTheCaFailsAndTheFailureIsReported() throws Exception {
        trustingProxyCa(trustUpstream());
        HttpClient stranger = Proxies.client(proxy.port(),
                CaTrust.sslContext(upstream.ca.certificate()));
        assertThrows(SSLHandshakeException.class, () -> Proxies.get(stranger,
                "https://localhost:" + upstream.port() + "/"));
        TlsRecords.awaitEvent(recorder, "tls_failed_client");
        ClientConnection c = recorder.tls.getLast().client();
        assertTrue(c.error().contains("certificate") || c.error().contains("certificate_unknown"),
                c.error());
    }
}
