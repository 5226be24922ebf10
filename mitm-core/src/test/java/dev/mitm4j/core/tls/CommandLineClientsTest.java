package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CertificateAuthority;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl and openssl through the proxy: the CA file in the confdir is what a user hands to
 * {@code --cacert}; names, ALPN and the chain are checked from the outside.
 */
class CommandLineClientsTest {
    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private static Path caPem;
    private ProxyServer proxy;
    private final RecordingTlsAddon recorder = new RecordingTlsAddon();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new HttpsUpstream(dir);
        caPem = CertificateAuthority.load(dir.resolve("confdir")).confdir()
                .resolve("mitmproxy-ca-cert.pem");
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

    private String curl(String proxyUrl, String url) throws Exception {
        return Commands.run("", "curl", "-sS", "--max-time", "20", "--cacert", caPem.toString(),
                "-x", proxyUrl, "-w", "\n%{http_code}", url);
    }

    @Test
    void curlByNameNegotiatesHttp11AndSeesTheBody() throws Exception {
        start();
        upstream.server.enqueue(new MockResponse.Builder().body("via curl").build());
        String out = curl("http://127.0.0.1:" + proxy.port(),
                "https://localhost:" + upstream.port() + "/c");
        assertEquals("via curl\n200", out);
        var flow = recorder.flows.getFirst();
        assertEquals("http/1.1", flow.client().alpn());
        assertTrue(flow.client().alpnOffers().contains("h2"), flow.client().alpnOffers()
                .toString());
        assertEquals("http/1.1", flow.server().alpn());
    }

    @Test
    void curlByIp() throws Exception {
        start();
        upstream.server.enqueue(new MockResponse.Builder().body("ip").build());
        String out = curl("http://127.0.0.1:" + proxy.port(),
                "https://127.0.0.1:" + upstream.port() + "/");
        assertEquals("ip\n200", out);
    }

    @Test
    void curlThroughSocks5() throws Exception {
        start("mode", "socks5");
        upstream.server.enqueue(new MockResponse.Builder().body("socks").build());
        String out = curl("socks5h://127.0.0.1:" + proxy.port(),
                "https://localhost:" + upstream.port() + "/s");
        assertEquals("socks\n200", out);
        assertEquals("https", recorder.flows.getFirst().request().scheme());
    }

    @Test
    void opensslSeesTheLeafNamesAndTheChainUpToOurCa() throws Exception {
        start();
        String out = Commands.run("", "openssl", "s_client", "-proxy",
                "127.0.0.1:" + proxy.port(), "-connect", "localhost:" + upstream.port(),
                "-servername", "localhost", "-showcerts", "-CAfile", caPem.toString());
        assertTrue(out.contains("Verify return code: 0 (ok)"), out);
        assertTrue(out.contains("1 s:CN = mitmproxy, O = mitmproxy")
                || out.contains("1 s:O = mitmproxy, CN = mitmproxy"), out);
        String leaf = Commands.run(Commands.firstPem(out), "openssl", "x509", "-noout",
                "-subject", "-ext", "subjectAltName");
        assertTrue(leaf.contains("DNS:localhost"), leaf);
        assertTrue(leaf.contains("IP Address:127.0.0.1"), leaf);
        assertTrue(leaf.contains("O = Upstream Org"), leaf);
    }
}
