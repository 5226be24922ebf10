package dev.mitm4j.tls.internal.engine;

import static dev.mitm4j.tls.internal.engine.Loopback.ascii;
import static dev.mitm4j.tls.internal.engine.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * request_client_cert on the proxy's server side: asked, a JDK client sends its certificate and
 * it comes back as the connection's peer chain, in TLS 1.3 and 1.2; a client without one still
 * connects; not asked, a client with a key sends nothing.
 */
class ClientCertificateRequestTest {
    @TempDir static Path dir;
    static CertificateAuthority ca;
    static CertifiedKey clientKey;

    @BeforeAll
    static void ca() {
        ca = CertificateAuthority.load(dir.resolve("conf"));
        clientKey = ca.leaf(CertificateSpec.builder().addName("client.example").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void anAskedClientSendsItsCertificate(String version) throws Exception {
        assertEquals(clientKey.chain(), peerChain(true, clientKey, version)); // leaf, then CA
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void anAskedClientWithoutACertificateStillConnects(String version) throws Exception {
        assertEquals(List.of(), peerChain(true, null, version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientThatIsNotAskedSendsNone(String version) throws Exception {
        assertEquals(List.of(), peerChain(false, clientKey, version));
    }

    /** Echoes one line over a handshake; {@return the client chain the server side saw} */
    private static List<X509Certificate> peerChain(boolean request, @Nullable CertifiedKey key,
            String version) throws Exception {
        TlsServerConfig config = TlsServerConfig.builder()
                .certificate(ca.leaf(CertificateSpec.builder().addName("localhost").build()))
                .requestClientCertificate(request).build();
        try (Loopback lo = new Loopback()) {
            var served = lo.acceptOnce(s -> {
                TlsConnection tls = TlsEngines.serverSide(s, config);
                byte[] line = tls.input().readNBytes(5);
                tls.output().write(line);
                tls.output().flush();
                return tls;
            });
            try (SSLSocket client = (SSLSocket) context(key).getSocketFactory()
                    .createSocket("localhost", lo.port())) {
                SSLParameters params = client.getSSLParameters();
                params.setProtocols(new String[] {version});
                client.setSSLParameters(params);
                client.getOutputStream().write(ascii("ping\n"));
                assertEquals("ping\n", new String(client.getInputStream().readNBytes(5),
                        StandardCharsets.US_ASCII));
                assertEquals(version, client.getSession().getProtocol());
            }
            return await(served).peerCertificates();
        }
    }

    private static SSLContext context(@Nullable CertifiedKey key) throws Exception {
        KeyManager[] keys = null;
        if (key != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] pw = "pw".toCharArray();
            store.setKeyEntry("client", key.key(), pw,
                    key.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(store, pw);
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, new javax.net.ssl.TrustManager[] {
            CaTrust.trustManager(ca.certificate())}, null);
        return context;
    }
}
