package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ciphers_client and ciphers_server: the proxy offers clients only the ciphers_client suites and
 * servers only the ciphers_server suites, named the OpenSSL or the IANA way; a peer that offers
 * (or accepts) none of them fails its handshake. JDK sockets on both ends record what was
 * negotiated; the proxy runs in reverse mode so that the client handshakes with it directly.
 * Leaves have EC keys, so the TLS 1.2 suites are the ECDSA ones.
 */
class CipherSuitesTest {
    private static final String AES128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    private static final String CHACHA = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    private static final String[] ALL_TLS12 = {AES128, AES256, CHACHA};
    private static final String[] ALL = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256", AES128, AES256, CHACHA};

    @TempDir
    static Path dir;
    private static CertifiedKey upstreamLeaf;
    private static Path upstreamCa;

    @BeforeAll
    static void upstreamCertificate() {
        CertificateAuthority ca = CertificateAuthority.builder()
                .confdir(dir.resolve("upstream-ca")).build();
        upstreamLeaf = ca.leaf(CertificateSpec.builder().addName("localhost").build());
        upstreamCa = ca.confdir().resolve("mitmproxy-ca-cert.pem");
    }

    @Test
    void bothLegsNegotiateTheConfiguredTls12SuitesByOpensslAndIanaName() throws Exception {
        try (Upstream upstream = new Upstream(ALL);
                ProxyServer proxy = proxy(upstream, "ECDHE-ECDSA-AES256-GCM-SHA384", CHACHA)) {
            SSLSession client = get(proxy, ALL);
            assertEquals(AES256, client.getCipherSuite());
            assertEquals("TLSv1.2", client.getProtocol());
            SSLSession server = upstream.sessions.take();
            assertEquals(CHACHA, server.getCipherSuite());
            assertEquals("TLSv1.2", server.getProtocol());
        }
    }

    @Test
    void tls13SuitesAreConfiguredByTheirOwnNames() throws Exception {
        try (Upstream upstream = new Upstream(ALL);
                ProxyServer proxy = proxy(upstream, "TLS_AES_256_GCM_SHA384",
                        "TLS_CHACHA20_POLY1305_SHA256")) {
            SSLSession client = get(proxy, ALL);
            assertEquals("TLS_AES_256_GCM_SHA384", client.getCipherSuite());
            assertEquals("TLSv1.3", client.getProtocol());
            SSLSession server = upstream.sessions.take();
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", server.getCipherSuite());
        }
    }

    /** With the defaults, AES-256 alone works: the failure below is the option's doing. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aClientOfferingOnlyAnotherSuiteFailsItsHandshake(boolean restricted) throws Exception {
        try (Upstream upstream = new Upstream(ALL);
                ProxyServer proxy = proxy(upstream, restricted ? "ECDHE-ECDSA-AES128-GCM-SHA256"
                        : "", "")) {
            if (restricted) {
                assertThrows(SSLHandshakeException.class, () -> get(proxy, AES256));
            } else {
                assertEquals(AES256, get(proxy, AES256).getCipherSuite());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theUpstreamLegOffersOnlyTheServerSuites(boolean restricted) throws Exception {
        try (Upstream upstream = new Upstream(AES256);
                ProxyServer proxy = proxy(upstream, "", restricted ? AES128 + ":" + CHACHA
                        : "")) {
            String head = request(proxy, ALL_TLS12);
            if (restricted) {
                assertTrue(head.startsWith("HTTP/1.1 502"), head);
                assertTrue(upstream.sessions.isEmpty());
            } else {
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertEquals(AES256, upstream.sessions.take().getCipherSuite());
            }
        }
    }

    @Test
    void keywordsAndUnknownNamesFailWhenTheOptionIsSet() {
        for (String bad : new String[] {"HIGH:!aNULL", "DEFAULT@SECLEVEL=2", "!MD5",
            "ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Options.builder().set("ciphers_client", bad));
            assertTrue(e.getMessage().contains("ciphers_client"), e.getMessage());
            assertTrue(e.getMessage().contains("ECDHE-RSA-AES128-GCM-SHA256"), e.getMessage());
        }
        String message = assertThrows(IllegalArgumentException.class, () -> Options.builder()
                .set("ciphers_server", "ECDHE-RSA-AES128-GCM-SHA256:HIGH")).getMessage();
        assertTrue(message.contains("\"HIGH\" is OpenSSL cipher-string syntax"), message);
        message = assertThrows(IllegalArgumentException.class, () -> Options.builder()
                .set("ciphers_server", AES128 + ":RC4-SHA")).getMessage();
        assertTrue(message.contains("unknown or unsupported cipher suite \"RC4-SHA\""), message);
    }

    @Test
    void namesAreCaseInsensitiveAndCommasOrSpacesSeparateThemToo() {
        String spec = "ecdhe-ecdsa-aes128-gcm-sha256, TLS_AES_128_GCM_SHA256 " + AES256;
        assertEquals(spec, Options.builder().set("ciphers_client", spec).build()
                .ciphersClient());
    }

    @Test
    void suitesThatFitNoAllowedVersionStopTheServerBuild() {
        Options options = Proxies.options(dir.resolve("confdir"), "tls_version_client_min",
                "TLS1_3", "ciphers_client", "ECDHE-ECDSA-AES128-GCM-SHA256");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyServer.builder().options(options).build());
        assertTrue(e.getMessage().startsWith("the suites of option ciphers_client fit none of "
                + "the TLS versions TLS1_3 to "), e.getMessage());
    }

    private static ProxyServer proxy(Upstream upstream, String clientSuites,
            String serverSuites) {
        return Proxies.start(Proxies.options(dir.resolve("confdir"),
                "mode", "reverse:https://localhost:" + upstream.port(),
                "ssl_verify_upstream_trusted_ca", upstreamCa.toString(),
                "ciphers_client", clientSuites, "ciphers_server", serverSuites));
    }

    /** {@return the session of a client offering {@code suites} whose GET got a response} */
    private static SSLSession get(ProxyServer proxy, String... suites) throws Exception {
        try (SSLSocket socket = client(proxy, suites)) {
            String head = exchange(socket);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            return socket.getSession();
        }
    }

    /** {@return the response head a client offering {@code suites} got} */
    private static String request(ProxyServer proxy, String... suites) throws Exception {
        try (SSLSocket socket = client(proxy, suites)) {
            return exchange(socket);
        }
    }

    private static SSLSocket client(ProxyServer proxy, String... suites) throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(dir.resolve("confdir"));
        SSLSocket socket = (SSLSocket) CaTrust.sslContext(ca.certificate()).getSocketFactory()
                .createSocket("localhost", proxy.port());
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        socket.setEnabledCipherSuites(suites);
        socket.startHandshake();
        return socket;
    }

    private static String exchange(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** An HTTPS origin accepting only {@code suites}; records each handshake's session. */
    private static final class Upstream implements AutoCloseable {
        final BlockingQueue<SSLSession> sessions = new ArrayBlockingQueue<>(16);
        private final SSLServerSocket server;
        private final Thread thread;

        Upstream(String... suites) throws Exception {
            server = (SSLServerSocket) HttpsUpstream.sslContext(upstreamLeaf)
                    .getServerSocketFactory().createServerSocket(0, 50,
                            InetAddress.getByName("127.0.0.1"));
            server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            server.setEnabledCipherSuites(suites);
            thread = Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    sessions.add(socket.getSession());
                    readHead(socket.getInputStream());
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                            + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // a failed handshake: nothing recorded; closing ends the loop
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
