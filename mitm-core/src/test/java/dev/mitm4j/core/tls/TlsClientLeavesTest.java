package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client inside intercepted TLS that leaves while its request waits for a silent HTTPS server:
 * the proxy notices it through the decrypted stream and closes the server connection at once.
 */
class TlsClientLeavesTest {
    @TempDir
    Path dir;

    @Test
    void closingTheTlsClientClosesTheWaitingServerConnection() throws Exception {
        CertificateAuthority upstreamCa = CertificateAuthority.builder()
                .confdir(dir.resolve("upstream-ca")).build();
        CountDownLatch requestArrived = new CountDownLatch(1);
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        try (ServerSocket origin = HttpsUpstream.sslContext(upstreamCa.leaf(
                CertificateSpec.builder().addName("localhost").addName("127.0.0.1").build()))
                .getServerSocketFactory().createServerSocket(0, 50,
                        InetAddress.getLoopbackAddress());
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("confdir"),
                        "ssl_verify_upstream_trusted_ca",
                        upstreamCa.confdir().resolve("mitmproxy-ca-cert.pem").toString()))) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = origin.accept()) {
                    socket.setSoTimeout(60_000);
                    InputStream in = socket.getInputStream();
                    Proxies.readUntil(in, "\r\n\r\n");
                    requestArrived.countDown();
                    if (in.read() == -1) {
                        serverClosed.complete(null);
                    }
                } catch (Exception e) {
                    serverClosed.completeExceptionally(e);
                }
            });
            SSLSocket client = Proxies.tlsToIp(proxy.port(), origin.getLocalPort(), "localhost",
                    proxy.certificateAuthority().certificate());
            client.getOutputStream().write(("GET /think HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            assertTrue(requestArrived.await(20, TimeUnit.SECONDS));
            client.close();
            serverClosed.get(20, TimeUnit.SECONDS);
        }
    }
}
