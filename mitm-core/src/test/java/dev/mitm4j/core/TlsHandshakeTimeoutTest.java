package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.CaTrust;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS handshake that stalls after a CONNECT is timed like an HTTP request head: from its first
 * byte the client has the header timeout to finish its ClientHello, and again to finish the rest
 * of its handshake; then the proxy closes the connection, and blames the stall, not the CA.
 */
class TlsHandshakeTimeoutTest {
    @TempDir
    static Path confdir;

    /**
     * One whole handshake through a proxy with the default timeouts first: the CA, the leaf
     * keys and the TLS engine's classes are then ready, so that the proxy's own first-time work
     * (seconds on a loaded machine) does not eat the one second the tests give the client.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options("confdir",
                        confdir.toString(), "upstream_cert", "false"));
                RawClient tunnel = connect(proxy.port(), echo.port())) {
            SSLSocket tls = (SSLSocket) CaTrust.sslContext(proxy.certificateAuthority()
                    .certificate()).getSocketFactory().createSocket(tunnel.socket(), "localhost",
                    echo.port(), true);
            tls.startHandshake();
            tls.close();
        }
    }

    private ProxyServer start(Addon... addons) {
        ProxyServer.Builder b = ProxyServer.builder().headerTimeout(Duration.ofSeconds(1))
                .options(TestProxies.options("confdir", confdir.toString(),
                        "upstream_cert", "false"));
        for (Addon a : addons) {
            b.addon(a);
        }
        return b.build().start();
    }

    @Test
    void aClientHelloCutShortIsClosedAfterTheHeaderTimeout() throws Exception {
        byte[] hello = clientHello();
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = start();
                RawClient client = connect(proxy.port(), echo.port())) {
            client.send(new String(Arrays.copyOf(hello, hello.length / 2),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("", client.readAll(), "closed without an answer");
        }
    }

    @Test
    void aHandshakeStalledAfterTheServerHelloIsClosedAndNotBlamedOnTheCa() throws Exception {
        byte[] hello = clientHello();
        CompletableFuture<String> failure = new CompletableFuture<>();
        Addon tls = new Addon() {
            @Override
            public void tlsFailedClient(TlsData data) {
                failure.complete(data.client().error());
            }
        };
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = start(tls);
                RawClient client = connect(proxy.port(), echo.port())) {
            client.send(new String(hello, java.nio.charset.StandardCharsets.ISO_8859_1));
            // The proxy answers with its ServerHello and certificate; the client never goes on.
            String answer = client.readAll();
            assertTrue(answer.length() > 0 && answer.charAt(0) == 0x16, "a handshake record");
            assertEquals("the client did not complete its TLS handshake within the header "
                    + "timeout (1 s)", failure.get(20, TimeUnit.SECONDS));
        }
    }

    private static RawClient connect(int proxyPort, int targetPort) throws Exception {
        RawClient client = new RawClient(proxyPort);
        String head = client.send("CONNECT 127.0.0.1:" + targetPort + " HTTP/1.1\r\n\r\n")
                .readUntil("\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        return client;
    }

    /** {@return the JDK's ClientHello for localhost, as a client would send it first} */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }
}
