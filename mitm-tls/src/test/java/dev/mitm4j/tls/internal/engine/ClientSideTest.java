package dev.mitm4j.tls.internal.engine;

import static dev.mitm4j.tls.internal.engine.Loopback.ascii;
import static dev.mitm4j.tls.internal.engine.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import dev.mitm4j.tls.internal.Pem;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy's client side against real servers: openssl s_server and the JDK's SSLServerSocket. */
class ClientSideTest {
    @TempDir static Path dir;
    static CertificateAuthority ca;
    static CertifiedKey localhost;

    @BeforeAll
    static void ca() {
        ca = CertificateAuthority.load(dir.resolve("conf"));
        localhost = ca.leaf(CertificateSpec.of("localhost", "127.0.0.1"));
    }

    static String[] opensslServerArgs(Path dir, CertifiedKey key) throws Exception {
        Path cert = Files.createTempFile(dir, "cert", ".pem");
        Path k = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(cert, Pem.encode(key.chain().toArray()));
        Files.writeString(k, Pem.encode(key.key()));
        return new String[] {"-cert", cert.toString(), "-key", k.toString()};
    }

    static String get(TlsConnection tls) throws Exception {
        tls.output().write(ascii("GET / HTTP/1.0\r\n\r\n"));
        tls.output().flush();
        return new String(tls.input().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void talksToOpensslWithTls13AndTls12AndAlpn() throws Exception {
        for (TlsVersion v : List.of(TlsVersion.TLS1_3, TlsVersion.TLS1_2)) {
            try (var server = Openssl.server(dir, concat(opensslServerArgs(dir, localhost), "-alpn",
                    "http/1.1"))) {
                try (Socket s = new Socket("127.0.0.1", server.port)) {
                    TlsConnection tls = TlsEngines.clientSide(s,
                            TlsClientConfig.builder("localhost")
                            .trust(ca.trustManager()).alpnOffers(List.of("h2", "http/1.1"))
                            .versions(v, v).build());
                    assertEquals(v, tls.version());
                    assertEquals("http/1.1", tls.alpn());
                    assertEquals("localhost", tls.sni());
                    assertEquals(localhost.leaf(), tls.peerCertificates().get(0));
                    assertTrue(get(tls).startsWith("HTTP/1.0 200 ok"), "s_server -www answers");
                }
            }
        }
    }

    @Test
    void talksToTheJdksServerSocketAndSendsNoSniForAnIp() throws Exception {
        try (SSLServerSocket server = jdkServer(localhost, false)) {
            var accepted = Loopback.acceptOnce(server, s -> {
                String head = Loopback.readHead(s.getInputStream());
                s.getOutputStream().write(ascii("HTTP/1.1 204 No Content\r\n\r\n"));
                s.getOutputStream().flush();
                return List.of(head, String.valueOf(((SSLSocket) s).getHandshakeSession()
                        == null ? "" : ((SSLSocket) s).getSession().getProtocol()));
            });
            try (Socket s = new Socket("127.0.0.1", server.getLocalPort())) {
                TlsConnection tls = TlsEngines.clientSide(s, TlsClientConfig.builder("127.0.0.1")
                        .trust(ca.trustManager()).build());
                assertNull(tls.sni());
                tls.output().write(ascii("GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
                tls.output().flush();
                assertTrue(Loopback.readHead(tls.input()).startsWith("HTTP/1.1 204"));
                assertEquals("GET /x HTTP/1.1", await(accepted).get(0).lines().findFirst().get());
                assertEquals("TLSv1.3", tls.protocolName());
            }
        }
    }

    @Test
    void anUntrustedUpstreamFailsVerification() throws Exception {
        CertificateAuthority other = CertificateAuthority.load(dir.resolve("other"));
        for (X509TrustManager trust : new X509TrustManager[] {other.trustManager(), null}) {
            var e = assertThrows(TlsHandshakeException.class, () -> connectToJdk(
                    TlsClientConfig.builder("localhost").trust(trust).build()));
            assertEquals(TlsHandshakeException.Reason.UNTRUSTED_PEER_CERTIFICATE, e.reason());
            assertTrue(e.getMessage().contains("certificate verify failed for localhost"),
                    e.getMessage());
        }
    }

    @Test
    void aCertificateForAnotherNameFailsVerification() throws Exception {
        var e = assertThrows(TlsHandshakeException.class, () -> connectToJdk(
                TlsClientConfig.builder("other.example").trust(ca.trustManager()).build()));
        assertEquals(TlsHandshakeException.Reason.UNTRUSTED_PEER_CERTIFICATE, e.reason());
        assertTrue(e.getMessage().contains("does not name other.example"), e.getMessage());
    }

    @Test
    void sslInsecureAcceptsAnyCertificateAndStillReportsTheChain() throws Exception {
        TlsConnection tls = connectToJdk(TlsClientConfig.builder("other.example")
                .insecure(true).build());
        assertEquals(localhost.leaf(), tls.peerCertificates().get(0));
    }

    @Test
    void aServerRefusingEveryOfferedProtocolIsNamedAsAnAlpnFailure() throws Exception {
        try (SSLServerSocket server = jdkServer(localhost, false)) {
            SSLParameters h2Only = server.getSSLParameters();
            h2Only.setApplicationProtocols(new String[] {"h2"});
            server.setSSLParameters(h2Only);
            Loopback.acceptOnce(server, s -> {
                ((SSLSocket) s).startHandshake();
                return s.getInputStream().read();
            });
            try (Socket s = new Socket("127.0.0.1", server.getLocalPort())) {
                var e = assertThrows(TlsHandshakeException.class, () -> TlsEngines.clientSide(s,
                        TlsClientConfig.builder("localhost").trust(ca.trustManager())
                        .alpnOffers(List.of("http/1.1")).build()));
                assertEquals(TlsHandshakeException.Reason.NO_COMMON_APPLICATION_PROTOCOL,
                        e.reason(), e.getMessage());
                assertEquals("no_application_protocol", e.alert());
            }
        }
    }

    @Test
    void opensslRefusingEveryOfferedProtocolIsNamedAsAnAlpnFailure() throws Exception {
        try (var server = Openssl.server(dir, concat(opensslServerArgs(dir, localhost), "-alpn",
                "h2"))) {
            try (Socket s = new Socket("127.0.0.1", server.port)) {
                var e = assertThrows(TlsHandshakeException.class, () -> TlsEngines.clientSide(s,
                        TlsClientConfig.builder("localhost").trust(ca.trustManager())
                        .alpnOffers(List.of("http/1.1")).build()));
                assertEquals(TlsHandshakeException.Reason.NO_COMMON_APPLICATION_PROTOCOL,
                        e.reason(), e.getMessage());
            }
        }
    }

    @Test
    void presentsTheClientCertificateWhenTheServerAsks() throws Exception {
        CertifiedKey client = ca.leaf(CertificateSpec.of("client.example"));
        try (SSLServerSocket server = jdkServer(localhost, true)) {
            var accepted = Loopback.acceptOnce(server, s -> {
                ((SSLSocket) s).startHandshake();
                X509Certificate peer = (X509Certificate) ((SSLSocket) s).getSession()
                        .getPeerCertificates()[0];
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
                return peer;
            });
            try (Socket s = new Socket("127.0.0.1", server.getLocalPort())) {
                TlsConnection tls = TlsEngines.clientSide(s, TlsClientConfig.builder("localhost")
                        .trust(ca.trustManager()).clientCertificate(client).build());
                assertEquals(1, tls.input().read());
                assertEquals(client.leaf(), await(accepted));
            }
        }
    }

    @Test
    void bothSidesOfTheEngineTalkWithEcKeysOverTls12AndTls13() throws Exception {
        CertificateAuthority ec = CertificateAuthority.builder().confdir(dir.resolve("ec"))
                .keyAlgorithm(KeyAlgorithm.EC).build();
        CertifiedKey leaf = ec.leaf(CertificateSpec.of("ec.example"));
        for (TlsVersion v : List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3)) {
            try (Loopback lo = new Loopback()) {
                var served = lo.acceptOnce(s -> {
                    TlsConnection tls = TlsEngines.serverSide(s, TlsServerConfig.builder()
                            .certificate(leaf).build());
                    tls.output().write(tls.input().read() + 1);
                    tls.output().flush();
                    return tls;
                });
                try (Socket s = new Socket("127.0.0.1", lo.port())) {
                    TlsConnection tls = TlsEngines.clientSide(s,
                            TlsClientConfig.builder("ec.example")
                            .trust(ec.trustManager()).versions(v, v).build());
                    tls.output().write(41);
                    tls.output().flush();
                    assertEquals(42, tls.input().read());
                    TlsConnection server = await(served);
                    assertEquals(v, server.version());
                    assertEquals("ec.example", server.sni());
                    if (v == TlsVersion.TLS1_2) {
                        assertTrue(tls.cipherSuite().startsWith("TLS_ECDHE_ECDSA_"),
                                tls.cipherSuite());
                    }
                }
            }
        }
    }

    private static TlsConnection connectToJdk(TlsClientConfig config) throws Exception {
        try (SSLServerSocket server = jdkServer(localhost, false)) {
            Loopback.acceptOnce(server, s -> {
                ((SSLSocket) s).startHandshake();
                return s.getInputStream().read();
            });
            try (Socket s = new Socket("127.0.0.1", server.getLocalPort())) {
                return TlsEngines.clientSide(s, config);
            }
        }
    }

    /** A JDK TLS server showing {@code key}; with client auth, it records and accepts any chain. */
    static SSLServerSocket jdkServer(CertifiedKey key, boolean needClientAuth) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", key.key(), new char[0], key.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new AcceptingTrustManager()}, null);
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(
                0, 50, java.net.InetAddress.getLoopbackAddress());
        s.setNeedClientAuth(needClientAuth);
        s.setSoTimeout(20_000);
        return s;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A server-side trust manager for tests that accepts any client chain. */
    static final class AcceptingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
