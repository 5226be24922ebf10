package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS passed through uninspected: chosen by an addon in tls_clienthello, by
 * tls_passthrough_untrusted after a client rejected our certificate, or by ignore_hosts and
 * allow_hosts matched against the ClientHello's SNI when the client connected by IP. The client
 * then sees the real server's certificate, so these clients trust the upstream's CA.
 */
class PassthroughTlsTest {
    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private ProxyServer proxy;

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
        proxy.close();
        upstream.drain();
    }

    private HttpClient upstreamTrustingClient() {
        return Proxies.client(proxy.port(), CaTrust.sslContext(upstream.ca.certificate()));
    }

    @Test
    void addonPassesTheConnectionThroughInTlsClientHello() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon() {
            @Override
            public void tlsClientHello(ClientHelloData data) {
                super.tlsClientHello(data);
                data.ignoreConnection(true);
            }
        };
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir")), recorder);
        upstream.server.enqueue(new MockResponse.Builder().body("untouched").build());
        assertEquals("untouched", Proxies.get(upstreamTrustingClient(),
                "https://localhost:" + upstream.port() + "/").body());
        assertEquals(java.util.List.of("tls_clienthello localhost"), recorder.events);
    }

    @Test
    void untrustedHostsArePassedThroughOnLaterConnections() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir"),
                "tls_passthrough_untrusted", "true",
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()), recorder);
        String url = "https://localhost:" + upstream.port() + "/";
        assertThrows(SSLHandshakeException.class, () -> Proxies.get(upstreamTrustingClient(), url));
        TlsRecords.awaitEvent(recorder, "tls_failed_client");
        upstream.server.enqueue(new MockResponse.Builder().body("second try").build());
        assertEquals("second try", Proxies.get(upstreamTrustingClient(), url).body());
        assertTrue(recorder.flows.isEmpty(), "passed through, so no flow");
    }

    @Test
    void ignoreHostsMatchTheSniOfATunnelToAnIp() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir"),
                "ignore_hosts", "^localhost:" + upstream.port() + "$"), recorder);
        upstream.server.enqueue(new MockResponse.Builder().body("by name").build());
        X509Certificate seen = tunnelToIp("localhost", upstream.ca.certificate(), "by name");
        assertEquals(upstream.leaf.chain().getFirst(), seen, "the upstream's own certificate");
        assertEquals(List.of(), recorder.events, "passed through before tls_clienthello");
    }

    @Test
    void ignoreHostsNotMatchingTheSniIntercept() throws Exception {
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir"),
                "ignore_hosts", "^other\\.example:",
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()));
        upstream.server.enqueue(new MockResponse.Builder().body("intercepted").build());
        X509Certificate seen = tunnelToIp("localhost", proxyCa(), "intercepted");
        assertEquals(proxyCa().getSubjectX500Principal(), seen.getIssuerX500Principal());
    }

    @Test
    void allowHostsMatchTheSniOfATunnelToAnIp() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir"),
                "allow_hosts", "^localhost:",
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()), recorder);
        upstream.server.enqueue(new MockResponse.Builder().body("allowed").build());
        X509Certificate seen = tunnelToIp("localhost", proxyCa(), "allowed");
        assertEquals(proxyCa().getSubjectX500Principal(), seen.getIssuerX500Principal());
        assertEquals("tls_clienthello localhost", recorder.events.getFirst());
    }

    private X509Certificate proxyCa() throws Exception {
        return CertificateAuthority.load(dir.resolve("confdir")).certificate();
    }

    /**
     * CONNECTs to 127.0.0.1 and the upstream port, handshakes with {@code sni} trusting only
     * {@code ca}, checks one request's response body. {@return the server certificate seen}
     */
    private X509Certificate tunnelToIp(String sni, X509Certificate ca, String body)
            throws Exception {
        try (SSLSocket tls = Proxies.tlsToIp(proxy.port(), upstream.port(), sni, ca)) {
            X509Certificate seen = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            tls.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + sni + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = Proxies.readUntil(tls.getInputStream(), body);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            return seen;
        }
    }

}
