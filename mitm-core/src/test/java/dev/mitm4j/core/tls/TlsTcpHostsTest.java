package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to a tcp_hosts target, as mitmproxy does it: the TLS is intercepted (the client gets a
 * certificate from the proxy's CA, the server is reached over TLS) and the decrypted bytes are
 * relayed as a TCP flow, so the TCP messages are plaintext. tcp_hosts matches the CONNECT's host
 * or the client's SNI.
 */
class TlsTcpHostsTest {
    @TempDir
    static Path dir;
    private static CertificateAuthority upstreamCa;
    private static SSLServerSocket echo;

    @BeforeAll
    static void startTlsEcho() throws Exception {
        upstreamCa = CertificateAuthority.builder().confdir(dir.resolve("upstream-ca")).build();
        CertifiedKey leaf = upstreamCa.leaf(CertificateSpec.builder().addName("localhost")
                .addName("127.0.0.1").build());
        echo = (SSLServerSocket) HttpsUpstream.sslContext(leaf).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(TlsTcpHostsTest::acceptLoop);
    }

    @AfterAll
    static void stopTlsEcho() throws IOException {
        echo.close();
    }

    /** Echoes each connection's bytes back until the client closes. */
    private static void acceptLoop() {
        while (true) {
            try {
                Socket s = echo.accept();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"127\\.0\\.0\\.1, localhost", "^localhost$, localhost"})
    void tlsToATcpHostIsInterceptedAndRelayedAsPlaintextTcp(String tcpHosts, String sni)
            throws Exception {
        CompletableFuture<TcpFlow> ended = new CompletableFuture<>();
        Addon recorder = new Addon() {
            @Override
            public void tcpEnd(TcpFlow flow) {
                ended.complete(flow);
            }

            @Override
            public void tcpError(TcpFlow flow) {
                ended.complete(flow);
            }
        };
        Path confdir = dir.resolve("confdir");
        try (ProxyServer proxy = Proxies.start(Proxies.options(confdir, "tcp_hosts", tcpHosts,
                "ssl_verify_upstream_trusted_ca",
                upstreamCa.confdir().resolve("mitmproxy-ca-cert.pem").toString()), recorder)) {
            X509Certificate proxyCa = CertificateAuthority.load(confdir).certificate();
            try (SSLSocket tls = tunnel(proxy.port(), sni, proxyCa)) {
                X509Certificate seen =
                        (X509Certificate) tls.getSession().getPeerCertificates()[0];
                assertEquals(proxyCa.getSubjectX500Principal(), seen.getIssuerX500Principal());
                tls.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping\n", read(tls.getInputStream(), 5));
            }
            TcpFlow flow = ended.get(20, TimeUnit.SECONDS);
            assertEquals(null, flow.error(), "a clean end");
            List<String> messages = flow.messages().stream().map(TlsTcpHostsTest::text).toList();
            assertEquals(List.of("client: ping\n", "server: ping\n"), messages);
            assertTrue(flow.server().tls(), "the server leg is TLS too");
        }
    }

    private static String text(TcpMessage m) {
        return (m.fromClient() ? "client: " : "server: ")
                + new String(m.content(), StandardCharsets.US_ASCII);
    }

    /** CONNECTs to 127.0.0.1 and the echo port, then handshakes with {@code sni}. */
    private static SSLSocket tunnel(int proxyPort, String sni, X509Certificate ca)
            throws Exception {
        return Proxies.tlsToIp(proxyPort, echo.getLocalPort(), sni, ca);
    }

    private static String read(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.US_ASCII);
    }

}
