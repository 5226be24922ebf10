package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.tls.CaTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that offer {@code h2} in ALPN get HTTP/2 from the proxy inside an intercepted CONNECT
 * tunnel: end to end when the server chooses h2 too, translated per stream when the proxy had to
 * choose before it met an HTTP/1.1-only server ({@code upstream_cert} off).
 */
class Http2InterceptionTest {
    @TempDir
    Path dir;

    @Test
    void curlNegotiatesH2InsideTheTunnel() throws Exception {
        List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        try (HttpsUpstream origin = new HttpsUpstream(dir,
                List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                        "ssl_verify_upstream_trusted_ca", origin.caPem().toString()),
                        Addon.onResponse("record", flows::add))) {
            origin.server.enqueue(new MockResponse.Builder().body("over h2").build());
            Path ca = dir.resolve("proxy-ca.pem");
            Files.writeString(ca, proxy.certificateAuthority().certificatePem());
            String out = curl("curl", "-s", "-i", "--http2", "--noproxy", "", "-x",
                    "http://127.0.0.1:" + proxy.port(), "--cacert", ca.toString(),
                    "https://localhost:" + origin.port() + "/secure");
            assertTrue(out.contains("HTTP/2 200"), out);
            assertTrue(out.endsWith("over h2"), out);
            HttpFlow flow = flows.getFirst();
            assertEquals("HTTP/2.0", flow.request().httpVersion());
            assertEquals("https", flow.request().scheme());
            assertEquals("h2", flow.client().alpn());
            assertEquals("h2", flow.server().alpn());
            assertEquals("HTTP/2.0", flow.response().httpVersion());
            assertEquals("/secure", origin.server.takeRequest().getTarget());
        }
    }

    @Test
    void theJdkClientSpeaksHttp2ToTheProxyWhileAnHttp11ServerIsTranslated() throws Exception {
        List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        try (HttpsUpstream origin = new HttpsUpstream(dir, List.of(Protocol.HTTP_1_1));
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                        "ssl_verify_upstream_trusted_ca", origin.caPem().toString(),
                        "upstream_cert", "false"),
                        Addon.onResponse("record", flows::add))) {
            for (int i = 0; i < 3; i++) {
                origin.server.enqueue(new MockResponse.Builder().body("jdk " + i).build());
            }
            HttpClient client = HttpClient.newBuilder()
                    .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1",
                            proxy.port())))
                    .sslContext(CaTrust.sslContext(proxy.certificateAuthority().certificate()))
                    .version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10))
                    .build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                        "https://localhost:" + origin.port() + "/" + i)).POST(
                                HttpRequest.BodyPublishers.ofString("body " + i))
                        .timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(HttpClient.Version.HTTP_2, response.version());
                assertEquals("jdk " + i, response.body());
                assertEquals("body " + i,
                        origin.server.takeRequest().getBody().string(StandardCharsets.UTF_8));
            }
            assertEquals(3, flows.size());
            assertTrue(flows.stream().allMatch(f -> f.request().httpVersion().equals("HTTP/2.0")
                    && f.response().httpVersion().equals("HTTP/1.1")
                    && "http/1.1".equals(f.server().alpn())));
            assertNull(flows.getFirst().error());
        }
    }

    @Test
    void withHttp2OffTheClientGetsHttp11() throws Exception {
        try (HttpsUpstream origin = new HttpsUpstream(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                        "ssl_verify_upstream_trusted_ca", origin.caPem().toString(),
                        "http2", "false"))) {
            origin.server.enqueue(new MockResponse.Builder().body("h1").build());
            Path ca = dir.resolve("proxy-ca.pem");
            Files.writeString(ca, proxy.certificateAuthority().certificatePem());
            String out = curl("curl", "-s", "-i", "--http2", "--noproxy", "", "-x",
                    "http://127.0.0.1:" + proxy.port(), "--cacert", ca.toString(),
                    "https://localhost:" + origin.port() + "/");
            // the CONNECT's answer, then the response inside the tunnel, both HTTP/1.1
            assertTrue(out.startsWith("HTTP/1.1 200 Connection established"), out);
            assertTrue(out.indexOf("HTTP/1.1 200", 10) > 0 && !out.contains("HTTP/2"), out);
        }
    }

    private static String curl(String... args) throws Exception {
        Process process = new ProcessBuilder(args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "curl failed: " + err);
        return out;
    }
}
