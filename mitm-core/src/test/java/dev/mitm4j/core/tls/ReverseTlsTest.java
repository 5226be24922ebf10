package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import dev.mitm4j.tls.CertificateAuthority;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reverse mode in front of an HTTPS server: TLS and plain HTTP on one port, told apart by peeking. */
class ReverseTlsTest {
    @TempDir
    static Path dir;
    private static HttpsUpstream upstream;
    private ProxyServer proxy;
    private final RecordingTlsAddon recorder = new RecordingTlsAddon();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new HttpsUpstream(dir);
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        upstream.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        upstream.drain();
    }

    private HttpClient start() {
        Path confdir = dir.resolve("confdir");
        proxy = Proxies.start(Proxies.options(confdir,
                "mode", "reverse:https://localhost:" + upstream.port(),
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()), recorder);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(CaTrust.sslContext(CertificateAuthority.load(confdir).certificate()))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void tlsClientsGetHttpsToTheHttpsUpstream() throws Exception {
        HttpClient client = start();
        upstream.server.enqueue(new MockResponse.Builder().body("reverse tls").build());
        assertEquals("reverse tls", get(client, "https://localhost:" + proxy.port() + "/r"));
        assertEquals("https", recorder.flows.getFirst().request().scheme());
        assertEquals("localhost", recorder.flows.getFirst().client().sni());
        assertEquals("localhost:" + upstream.port(),
                upstream.server.takeRequest().getHeaders().get("Host"));
    }

    @Test
    void plainHttpOnTheSamePortToo() throws Exception {
        HttpClient client = start();
        upstream.server.enqueue(new MockResponse.Builder().body("reverse plain").build());
        assertEquals("reverse plain", get(client, "http://127.0.0.1:" + proxy.port() + "/p"));
        assertEquals(false, recorder.flows.getFirst().client().tls());
    }
}
