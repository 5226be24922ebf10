package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http://mitm.it/ through the proxy: the page and the CA at mitmproxy's paths. */
class OnboardingTest {
    @TempDir
    Path confdir;
    private ProxyServer proxy;

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheInstallPageWithLinksToTheCertificates() throws Exception {
        proxy = Proxies.start(Proxies.options(confdir));
        HttpResponse<byte[]> page = get("http://mitm.it/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type")
                .orElseThrow());
        String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
        for (String link : new String[] {"/cert/pem", "/cert/p12", "/cert/cer"}) {
            assertTrue(html.contains("href=\"" + link + "\""), link);
        }
    }

    @Test
    void servesTheCaCertificateAsPemCerAndP12() throws Exception {
        proxy = Proxies.start(Proxies.options(confdir));
        HttpResponse<byte[]> pem = get("http://mitm.it/cert/pem");
        assertEquals(200, pem.statusCode());
        assertEquals("application/x-x509-ca-cert", pem.headers().firstValue("content-type")
                .orElseThrow());
        var served = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body()));
        assertEquals(CertificateAuthority.load(confdir).certificate(), served);
        assertArrayEquals(Files.readAllBytes(confdir.resolve("mitmproxy-ca-cert.cer")),
                get("http://mitm.it/cert/cer").body());
        HttpResponse<byte[]> p12 = get("http://mitm.it/cert/p12");
        assertEquals("application/x-pkcs12", p12.headers().firstValue("content-type")
                .orElseThrow());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12.body()), new char[0]);
        assertTrue(store.size() >= 1);
        assertEquals(404, get("http://mitm.it/nothing").statusCode());
    }

    @Test
    void onboardingHostAndTheOffSwitch() throws Exception {
        try (MockWebServer origin = new MockWebServer()) {
            origin.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            origin.enqueue(new MockResponse.Builder().body("the real localhost").build());
            String url = "http://localhost:" + origin.getPort() + "/";
            proxy = Proxies.start(Proxies.options(confdir, "onboarding_host", "localhost"));
            assertTrue(new String(get(url).body()).contains("Install the mitm4j CA"));
            proxy.close();
            proxy = Proxies.start(Proxies.options(confdir, "onboarding_host", "localhost",
                    "onboarding", "false"));
            assertEquals("the real localhost", new String(get(url).body()));
        }
    }
}
