package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import java.net.http.HttpClient;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS passed through uninspected: chosen by an addon in tls_clienthello, or by
 * tls_passthrough_untrusted after a client rejected our certificate. The client then sees the
 * real server's certificate, so these clients trust the upstream's CA, not the proxy's.
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
}
