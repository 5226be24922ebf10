package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An origin that refuses every protocol offered ({@code openssl s_server -alpn h2} answers an
 * offer of http/1.1 alone with the alert no_application_protocol), behind a client that offers
 * only http/1.1 (the proxy offers the server what the client offered): the client's 502 and the
 * flow's error name ALPN as the cause, not versions or ciphers.
 */
class AlpnRefusedTest {
    @TempDir
    Path dir;

    @Test
    void the502AndTheFlowErrorNameAlpnAsTheCause() throws Exception {
        CertificateAuthority originCa = CertificateAuthority.load(dir.resolve("origin-ca"));
        CertifiedKey leaf = originCa.leaf(CertificateSpec.of("localhost", "127.0.0.1"));
        RecordingTlsAddon recorder = new RecordingTlsAddon();
        Path confdir = dir.resolve("confdir");
        try (Origin origin = h2OnlyOrigin(leaf);
                ProxyServer proxy = Proxies.start(Proxies.options(confdir,
                        "ssl_verify_upstream_trusted_ca", originCa.confdir()
                                .resolve("mitmproxy-ca-cert.pem").toString()), recorder)) {
            Path ca = dir.resolve("proxy-ca.pem");
            Files.writeString(ca, proxy.certificateAuthority().certificatePem());
            String body = Commands.run("", "curl", "-sS", "--http1.1", "--max-time", "20",
                    "--noproxy", "", "-x", "http://127.0.0.1:" + proxy.port(), "--cacert",
                    ca.toString(), "-w", "\n%{http_code}", "https://localhost:" + origin.port()
                            + "/");
            assertTrue(body.endsWith("\n502"), body);
            assertTrue(body.contains("no_application_protocol"), body);
            assertTrue(body.contains("HTTP/2"), body);
            assertTrue(!body.contains("no common version or cipher"), body);
            HttpFlow flow = recorder.flows.getFirst();
            assertNotNull(flow.error());
            assertTrue(flow.error().msg().contains("accepts none of the application protocols "
                    + "offered (ALPN http/1.1"), flow.error().msg());
            assertEquals(List.of("http/1.1"), flow.server().alpnOffers());
        }
    }

    /** A running {@code openssl s_server}; closing it ends the process. */
    private record Origin(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code openssl s_server -alpn h2} showing {@code leaf}; waits until it accepts. */
    private Origin h2OnlyOrigin(CertifiedKey leaf) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path cert = dir.resolve("origin-cert.pem");
        Path key = dir.resolve("origin-key.pem");
        Files.writeString(cert, pem("CERTIFICATE", leaf.leaf().getEncoded())
                + pem("CERTIFICATE", leaf.chain().get(1).getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", leaf.key().getEncoded()));
        Process p = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.toString(), "-key", key.toString(), "-alpn", "h2", "-www")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.ISO_8859_1));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ACCEPT")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
                return new Origin(p, port);
            }
        }
        p.destroy();
        throw new AssertionError("openssl s_server did not start");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
