package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateAuthorityException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProxyServer#certificateAuthority()}: the CA in confdir, made on demand, used to sign. */
class CertificateAuthorityOfServerTest {
    @TempDir
    Path dir;

    @Test
    void aServerThatInterceptsNothingLeavesConfdirUntouched() {
        Path confdir = dir.resolve("confdir");
        try (ProxyServer proxy = Proxies.start(Proxies.options(confdir))) {
            assertTrue(proxy.port() > 0);
        }
        assertFalse(Files.exists(confdir));
    }

    @Test
    void theCaIsCreatedOnDemandAndSignsTheLeavesClientsSee() throws Exception {
        Path confdir = dir.resolve("confdir");
        try (HttpsUpstream upstream = new HttpsUpstream(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(confdir,
                        "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()))) {
            CertificateAuthority ca = proxy.certificateAuthority();
            assertSame(ca, proxy.certificateAuthority());
            assertTrue(Files.isRegularFile(confdir.resolve("mitmproxy-ca-cert.pem")));

            // A client that trusts only the CA we were handed gets through: it signed the leaf.
            HttpClient client = Proxies.client(proxy.port(), CaTrust.sslContext(ca.certificate()));
            upstream.server.enqueue(new MockResponse.Builder().body("signed").build());
            assertEquals("signed", Proxies.get(client,
                    "https://localhost:" + upstream.port() + "/").body());
            assertEquals(ca.certificate(), CertificateAuthority.load(confdir).certificate());
        }
    }

    @Test
    void anUnusableCaIsAnErrorNamingTheFile() throws Exception {
        Path confdir = Files.createDirectories(dir.resolve("confdir"));
        Files.writeString(confdir.resolve("mitmproxy-ca.pem"), "not a PEM file\n");
        try (ProxyServer proxy = Proxies.start(Proxies.options(confdir))) {
            CertificateAuthorityException e = assertThrows(CertificateAuthorityException.class,
                    proxy::certificateAuthority);
            assertTrue(e.getMessage().contains("mitmproxy-ca.pem"), e.getMessage());
            assertEquals(confdir.resolve("mitmproxy-ca.pem"), e.file());
        }
    }
}
