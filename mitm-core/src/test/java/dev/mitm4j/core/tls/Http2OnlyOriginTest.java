package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An origin that speaks only HTTP/2 (Debian's nghttpd: ALPN h2 alone). The proxy offers the server what the client
 * offered: a client offering h2 reaches it over HTTP/2 end to end; a client that spoke plain
 * HTTP/1.1 to a reverse proxy is translated to HTTP/2 per request; a client that offers only
 * http/1.1 in its own TLS gets a 502 (as mitmproxy, the proxy keeps
 * the client's choice toward the server; nghttpd accepts the handshake without ALPN and
 * closes, where other h2-only servers send the alert no_application_protocol).
 */
class Http2OnlyOriginTest {
    @TempDir
    Path dir;

    @Test
    void aClientOfferingH2ReachesItThroughTheTunnel() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        try (NghttpdOrigin origin = NghttpdOrigin.start(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                        "ssl_verify_upstream_trusted_ca", origin.caPem().toString()), recorder)) {
            String out = curl(proxy, "--http2", "https://localhost:" + origin.port() + "/a.txt?b=c");
            assertTrue(out.contains("HTTP/2 200"), out);
            assertTrue(out.contains("server: nghttpd"), out);
            assertTrue(out.endsWith("h2 only"), out);
            HttpFlow flow = recorder.flows.getFirst();
            assertEquals("h2", flow.server().alpn());
            assertEquals("HTTP/2.0", flow.request().httpVersion());
            assertEquals("HTTP/2.0", flow.response().httpVersion());
        }
    }

    @Test
    void aPlainHttp11ClientOfAReverseProxyIsTranslated() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        try (NghttpdOrigin origin = NghttpdOrigin.start(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                        "mode", "reverse:https://localhost:" + origin.port(),
                        "ssl_verify_upstream_trusted_ca", origin.caPem().toString()), recorder)) {
            String out = Commands.run("", "curl", "-sS", "-i", "--max-time", "20",
                    "-d", "posted", "http://127.0.0.1:" + proxy.port() + "/echo", "--next",
                    "-sS", "-i", "http://127.0.0.1:" + proxy.port() + "/a.txt");
            assertTrue(out.startsWith("HTTP/1.1 200"), out);
            assertTrue(out.contains("posted"), out); // nghttpd echoes the upload
            assertTrue(out.endsWith("h2 only"), out);
            assertEquals(2, recorder.flows.size());
            // Both requests went as streams of one HTTP/2 connection.
            assertEquals(recorder.flows.get(0).server().id(), recorder.flows.get(1).server().id());
            HttpFlow flow = recorder.flows.getFirst();
            assertEquals("HTTP/1.1", flow.request().httpVersion());
            assertEquals("HTTP/2.0", flow.response().httpVersion());
        }
    }

    @Test
    void aClientOfferingOnlyHttp11GetsA502() throws Exception {
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        try (NghttpdOrigin origin = NghttpdOrigin.start(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                        "ssl_verify_upstream_trusted_ca", origin.caPem().toString()), recorder)) {
            String out = curl(proxy, "--http1.1", "https://localhost:" + origin.port() + "/");
            assertTrue(out.contains("HTTP/1.1 502"), out);
            HttpFlow flow = recorder.flows.getFirst();
            assertNotNull(flow.error());
            assertEquals(List.of("http/1.1"), flow.server().alpnOffers());
        }
    }

    /** Debian's nghttpd over TLS: HTTP/2 only (ALPN h2), files from a docroot, uploads echoed. */
    private record NghttpdOrigin(Process process, int port, Path caPem) implements AutoCloseable {
        static NghttpdOrigin start(Path dir) throws Exception {
            CertificateAuthority ca = CertificateAuthority.load(dir.resolve("origin-ca"));
            CertifiedKey leaf = ca.leaf(CertificateSpec.of("localhost", "127.0.0.1"));
            Path cert = dir.resolve("origin-cert.pem");
            Path key = dir.resolve("origin-key.pem");
            Files.writeString(cert, pem("CERTIFICATE", leaf.leaf().getEncoded())
                    + pem("CERTIFICATE", leaf.chain().get(1).getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", leaf.key().getEncoded()));
            Path docroot = Files.createDirectories(dir.resolve("docroot"));
            Files.writeString(docroot.resolve("a.txt"), "h2 only");
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Process p = new ProcessBuilder("nghttpd", "--echo-upload", "-d", docroot.toString(),
                    "-a", "127.0.0.1", Integer.toString(port), key.toString(), cert.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nghttpd.log").toFile())
                    .start();
            for (int i = 0; i < 500; i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return new NghttpdOrigin(p, port, ca.confdir().resolve("mitmproxy-ca-cert.pem"));
                } catch (IOException notYet) {
                    Thread.sleep(10);
                }
            }
            p.destroy();
            throw new AssertionError("nghttpd did not listen: " + Files.readString(
                    dir.resolve("nghttpd.log")));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }

    private String curl(ProxyServer proxy, String version, String url) throws Exception {
        Path ca = dir.resolve("proxy-ca.pem");
        Files.writeString(ca, proxy.certificateAuthority().certificatePem());
        Process process = new ProcessBuilder("curl", "-s", "-i", version, "--max-time", "20",
                "--noproxy", "", "-x", "http://127.0.0.1:" + proxy.port(), "--cacert",
                ca.toString(), url).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
