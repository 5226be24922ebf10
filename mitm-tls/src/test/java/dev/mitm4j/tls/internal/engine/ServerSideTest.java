package dev.mitm4j.tls.internal.engine;

import static dev.mitm4j.tls.internal.engine.Loopback.ascii;
import static dev.mitm4j.tls.internal.engine.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy's server side against real clients: JDK HttpClient, HttpsURLConnection, openssl. */
class ServerSideTest {
    @TempDir static Path dir;
    static CertificateAuthority ca;
    final List<@Nullable String> snisSeen = new CopyOnWriteArrayList<>();
    final List<KeyAlgorithm> keysMade = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void ca() {
        ca = CertificateAuthority.load(dir.resolve("conf"));
    }

    TlsServerConfig.Builder config() {
        return TlsServerConfig.builder()
                .certificates(List.of(KeyAlgorithm.EC, KeyAlgorithm.RSA), (sni, algorithm) -> {
                    snisSeen.add(sni);
                    keysMade.add(algorithm);
                    // like a CONNECT to localhost: the address names the leaf when there is no SNI
                    return ca.leaf(CertificateSpec.builder().sni(sni).address("localhost")
                            .addName("127.0.0.1").build(), algorithm);
                })
                .alpnProtocols(List.of("http/1.1"));
    }

    /** Serves one HTTP/1.1 request over the server side and reports the TLS facts. */
    CompletableFuture<TlsConnection> serveOnce(Loopback lo, TlsServerConfig config) {
        return lo.acceptOnce(s -> {
            TlsConnection tls = TlsEngines.serverSide(s, config);
            String head = Loopback.readHead(tls.input());
            String body = head.isEmpty() ? "" : head.substring(0, head.indexOf('\r'));
            tls.output().write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body));
            tls.output().flush();
            tls.close();
            return tls;
        });
    }

    @Test
    void jdkHttpClientTrustsTheLeafAndNegotiatesTls13AndAlpn() throws Exception {
        try (Loopback lo = new Loopback()) {
            var served = serveOnce(lo, config().build());
            HttpClient client = HttpClient.newBuilder().sslContext(ca.sslContext())
                    .version(HttpClient.Version.HTTP_2).build(); // offers h2 and http/1.1
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + lo.port() + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("GET /hello HTTP/1.1", r.body());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            TlsConnection tls = await(served);
            assertEquals("TLSv1.3", tls.protocolName());
            assertEquals("http/1.1", tls.alpn());
            assertEquals("localhost", tls.sni());
            assertEquals(1, snisSeen.size());
            assertTrue(tls.cipherSuite().startsWith("TLS_"), tls.cipherSuite());
            // the RSA CA's leaf carries the EC P-256 key: ecdsa_secp256r1_sha256 in TLS 1.3
            assertEquals("EC", r.sslSession().orElseThrow().getPeerCertificates()[0]
                    .getPublicKey().getAlgorithm());
            assertEquals(List.of(KeyAlgorithm.EC), keysMade, "no RSA leaf for this client");
        }
    }

    @Test
    void jdkClientLimitedToTls12GetsTls12WithAnEcdheEcdsaSuite() throws Exception {
        assertEquals("TLS_ECDHE_ECDSA", tls12KeyExchange(config().build(), null));
        assertEquals(List.of(KeyAlgorithm.EC), keysMade);
    }

    @Test
    void jdkClientOfferingOnlyEcdheRsaSuitesGetsAnRsaLeafOfTheSameCa() throws Exception {
        assertEquals("TLS_ECDHE_RSA", tls12KeyExchange(config().build(), new String[] {
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}));
        assertEquals(List.of(KeyAlgorithm.RSA), keysMade);
    }

    @Test
    void aConfigOfRsaLeavesOnlyGivesEvenEcdsaClientsAnEcdheRsaSuite() throws Exception {
        TlsServerConfig config = TlsServerConfig.builder()
                .certificates(List.of(KeyAlgorithm.RSA), (sni, algorithm) -> {
                    keysMade.add(algorithm);
                    return ca.leaf(CertificateSpec.of("localhost"), algorithm);
                })
                .alpnProtocols(List.of("http/1.1")).build();
        assertEquals("TLS_ECDHE_RSA", tls12KeyExchange(config, null));
        assertEquals(List.of(KeyAlgorithm.RSA), keysMade);
    }

    @Test
    void aConfigOfEcLeavesOnlyRefusesAClientWithoutEcdsaSuites() throws Exception {
        TlsServerConfig config = TlsServerConfig.builder()
                .certificate(ca.leaf(CertificateSpec.of("localhost"), KeyAlgorithm.EC)).build();
        var e = assertThrows(SSLHandshakeException.class, () -> tls12KeyExchange(config,
                new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}));
        assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
    }

    /**
     * {@return the key exchange part of the suite a TLS 1.2 JDK client offering {@code suites}
     * (null: its defaults) gets from us, after checking it verified the leaf's key type}
     */
    String tls12KeyExchange(TlsServerConfig config, String @Nullable [] suites) throws Exception {
        try (Loopback lo = new Loopback()) {
            var served = serveOnce(lo, config);
            SSLParameters params = new SSLParameters();
            params.setProtocols(new String[] {"TLSv1.2"});
            if (suites != null) {
                params.setCipherSuites(suites);
            }
            HttpClient client = HttpClient.newBuilder().sslContext(ca.sslContext())
                    .sslParameters(params).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + lo.port() + "/12")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("GET /12 HTTP/1.1", r.body());
            TlsConnection tls = await(served);
            assertEquals("TLSv1.2", tls.protocolName());
            String kex = tls.cipherSuite().substring(0, tls.cipherSuite().indexOf("_WITH_"));
            assertEquals(kex.endsWith("RSA") ? "RSA" : "EC", r.sslSession().orElseThrow()
                    .getPeerCertificates()[0].getPublicKey().getAlgorithm());
            return kex;
        }
    }

    @Test
    void opensslOfferingOnlyEcdheRsaGetsAnRsaLeafItVerifies() throws Exception {
        String out = opensslTo("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        assertTrue(out.contains("Verify return code: 0 (ok)"), out);
        assertTrue(out.contains("Cipher is ECDHE-RSA-AES128-GCM-SHA256"), out);
        assertTrue(out.contains("Server public key is 2048 bit"), out);
        assertEquals(List.of(KeyAlgorithm.RSA), keysMade);
    }

    @Test
    void opensslTls13WithoutEcdsaSignatureSchemesGetsAnRsaLeaf() throws Exception {
        String out = opensslTo("-tls1_3", "-sigalgs", "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384");
        assertTrue(out.contains("Verify return code: 0 (ok)"), out);
        assertTrue(out.contains("Peer signature type: RSA-PSS"), out);
        assertEquals(List.of(KeyAlgorithm.RSA), keysMade);
    }

    @Test
    void opensslWithItsDefaultsGetsAnEcLeafInBothVersions() throws Exception {
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            String out = opensslTo(version);
            assertTrue(out.contains("Verify return code: 0 (ok)"), out);
            assertTrue(out.contains("Peer signature type: ECDSA"), out);
        }
        assertEquals(List.of(KeyAlgorithm.EC, KeyAlgorithm.EC), keysMade);
    }

    /** {@return the output of {@code openssl s_client} with {@code args}, verifying our CA} */
    String opensslTo(String... args) throws Exception {
        Path caPem = dir.resolve("ca.pem");
        Files.writeString(caPem, ca.certificatePem());
        try (Loopback lo = new Loopback()) {
            var served = lo.acceptOnce(s -> {
                TlsConnection tls = TlsEngines.serverSide(s, config().build());
                tls.close();
                return tls;
            });
            List<String> command = new java.util.ArrayList<>(List.of("s_client",
                    "-connect", "127.0.0.1:" + lo.port(), "-servername", "localhost",
                    "-verify_hostname", "localhost", "-CAfile", caPem.toString(),
                    "-verify_return_error"));
            command.addAll(List.of(args));
            String out = Openssl.run("", command.toArray(new String[0]));
            await(served);
            return out;
        }
    }

    @Test
    void httpsUrlConnectionToAnIpAddressChecksTheIpSan() throws Exception {
        try (Loopback lo = new Loopback()) {
            var served = serveOnce(lo, config().build());
            HttpsURLConnection c = (HttpsURLConnection) URI.create(
                    "https://127.0.0.1:" + lo.port() + "/ip").toURL().openConnection();
            c.setSSLSocketFactory(ca.sslContext().getSocketFactory());
            try (InputStream in = c.getInputStream()) {
                assertEquals("GET /ip HTTP/1.1", new String(in.readAllBytes()));
            }
            await(served);
            assertEquals(1, snisSeen.size());
            assertNull(snisSeen.get(0), "no SNI for an IP address");
        }
    }

    @Test
    void opensslVerifiesTheChainAndSeesAlpn() throws Exception {
        Path caPem = dir.resolve("ca.pem");
        Files.writeString(caPem, ca.certificatePem());
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            snisSeen.clear();
            try (Loopback lo = new Loopback()) {
                var served = lo.acceptOnce(s -> {
                    TlsConnection tls = TlsEngines.serverSide(s, config().build());
                    tls.close();
                    return tls;
                });
                String out = Openssl.run("", "s_client",
                        "-connect", "127.0.0.1:" + lo.port(), "-servername", "openssl.example",
                        "-verify_hostname", "openssl.example", "-CAfile", caPem.toString(),
                        "-verify_return_error", "-alpn", "h2,http/1.1", version);
                assertTrue(out.contains("Verify return code: 0 (ok)"), out);
                assertTrue(out.contains("ALPN protocol: http/1.1"), out);
                assertTrue(out.contains("s:CN = openssl.example"), out);
                assertTrue(out.contains("i:CN = mitmproxy, O = mitmproxy"), out);
                assertEquals(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2",
                        await(served).protocolName());
                assertEquals(List.of("openssl.example"), snisSeen);
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsReportedAsRejectingOurCertificate() throws Exception {
        try (Loopback lo = new Loopback()) {
            var served = serveOnce(lo, config().build());
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(CaTrust.sslContext(CertificateAuthority.load(dir.resolve("other"))
                            .certificate())).build();
            assertThrows(SSLHandshakeException.class, () -> client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + lo.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            var e = assertThrows(TlsHandshakeException.class, () -> await(served));
            // The JDK sends certificate_unknown and hangs up; whether the alert is read before
            // the reset is a race, so either of the two "client distrusts us" reasons is right.
            assertTrue(e.reason() == TlsHandshakeException.Reason.PEER_REJECTED_CERTIFICATE
                    || e.reason() == TlsHandshakeException.Reason.PEER_CLOSED_AFTER_CERTIFICATE,
                    e.reason() + ": " + e.getMessage());
        }
    }

    @Test
    void aClientOfferingOnlyTls11IsRefused() throws Exception {
        try (Loopback lo = new Loopback()) {
            var served = serveOnce(lo, config().build());
            String out = Openssl.run("", "s_client", "-connect", "127.0.0.1:" + lo.port(),
                    "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
            assertTrue(out.contains("alert"), out);
            var e = assertThrows(TlsHandshakeException.class, () -> await(served));
            assertEquals(TlsHandshakeException.Reason.NO_COMMON_PARAMETERS, e.reason(),
                    e.getMessage());
        }
    }

    @Test
    void plainHttpIsAConnectionFailureNotAHang() throws Exception {
        try (Loopback lo = new Loopback()) {
            var served = serveOnce(lo, config().build());
            try (Socket s = new Socket("127.0.0.1", lo.port())) {
                s.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
                s.shutdownOutput();
                s.getInputStream().readAllBytes();
            } catch (IOException ignored) {
                // the server side may reset
            }
            var e = assertThrows(TlsHandshakeException.class, () -> await(served));
            assertEquals(TlsHandshakeException.Reason.CONNECTION, e.reason(), e.getMessage());
        }
    }


}
