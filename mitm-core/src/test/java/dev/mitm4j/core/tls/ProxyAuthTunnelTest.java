package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CertificateAuthority;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proxyauth and HTTPS in regular mode: the CONNECT carries the credentials, and the requests
 * inside the intercepted tunnel ride on that authentication (as in mitmproxy) instead of getting
 * a 407 each.
 */
class ProxyAuthTunnelTest {
    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private static Path caPem;
    private ProxyServer proxy;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new HttpsUpstream(dir);
        caPem = CertificateAuthority.load(dir.resolve("confdir")).confdir()
                .resolve("mitmproxy-ca-cert.pem");
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        upstream.drain();
    }

    private void start() {
        proxy = Proxies.start(Proxies.options(dir.resolve("confdir"), "proxyauth", "alice:s3cret",
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()));
    }

    @Test
    void curlWithProxyUserGetsHttpsResponsesThroughTheAuthenticatedTunnel() throws Exception {
        start();
        upstream.server.enqueue(new MockResponse.Builder().body("one").build());
        upstream.server.enqueue(new MockResponse.Builder().body("two").build());
        String base = "https://localhost:" + upstream.port();
        String out = Commands.run("", "curl", "-sS", "--max-time", "20", "--cacert",
                caPem.toString(), "-x", "http://127.0.0.1:" + proxy.port(), "--proxy-user",
                "alice:s3cret", "-w", " %{http_code}\n", base + "/1", base + "/2");
        assertEquals("one 200\ntwo 200\n", out);
        RecordedRequest first = upstream.server.takeRequest();
        assertEquals("/1", first.getTarget());
        assertNull(first.getHeaders().get("Proxy-Authorization"));
    }

    @Test
    void curlWithWrongCredentialsGets407ForTheConnect() throws Exception {
        start();
        String out = Commands.run("", "curl", "-s", "--max-time", "20", "--cacert",
                caPem.toString(), "-x", "http://127.0.0.1:" + proxy.port(), "--proxy-user",
                "alice:wrong", "-w", "%{http_connect}",
                "https://localhost:" + upstream.port() + "/");
        assertEquals("407", out);
        assertEquals(0, upstream.server.getRequestCount());
    }

    /**
     * The JDK answers the CONNECT's 407 with the authenticator's credentials (Basic over tunnels
     * is enabled for the test JVM, see the surefire configuration) and then sends the request
     * inside the tunnel without any.
     */
    @Test
    void jdkHttpClientWithAnAuthenticatorGetsHttpsResponses() throws Exception {
        start();
        upstream.server.enqueue(new MockResponse.Builder().body("jdk").build());
        upstream.server.enqueue(new MockResponse.Builder().body("again").build());
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .sslContext(CertificateAuthority.load(dir.resolve("confdir")).sslContext())
                .authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication("alice", "s3cret".toCharArray());
                    }
                })
                .build();
        for (String expected : new String[] {"jdk", "again"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + upstream.port() + "/j"))
                    .timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(expected, response.body());
        }
    }
}
