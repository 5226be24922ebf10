package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client replay of https requests: TLS to the recorded server, verified as the proxy verifies its
 * upstreams (ssl_verify_upstream_trusted_ca, else the error names the verification failure).
 */
class ClientReplayTlsTest {
    @TempDir
    Path dir;

    @Test
    void anHttpsRequestIsReplayedOverVerifiedTls() throws Exception {
        try (HttpsUpstream upstream = new HttpsUpstream(dir)) {
            upstream.server.enqueue(new MockResponse.Builder().body("secure").build());
            RecordingTlsAddon recorder = new RecordingTlsAddon();
            try (ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                    "ssl_verify_upstream_trusted_ca", upstream.caPem().toString()), recorder)) {
                HttpFlow copy = proxy.master().replayClient(List.of(recorded(upstream.port())))
                        .get().get(0);
                assertNull(copy.error());
                assertEquals("secure", copy.response().text());
                assertTrue(copy.server().tls());
                assertEquals("localhost", copy.server().sni());
                assertTrue(recorder.events.contains("tls_established_server"), recorder.events
                        .toString());
            }
            assertEquals("/s", upstream.server.takeRequest().getTarget());
        }
    }

    @Test
    void anUntrustedServerEndsTheReplayWithTheVerificationError() throws Exception {
        try (HttpsUpstream upstream = new HttpsUpstream(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("conf")))) {
            HttpFlow copy = proxy.master().replayClient(List.of(recorded(upstream.port())))
                    .get().get(0);
            assertNull(copy.response());
            assertTrue(copy.error().msg().contains("Certificate verification error"),
                    copy.error().msg());
            assertEquals(0, upstream.server.getRequestCount());
        }
    }

    private static HttpFlow recorded(int port) {
        Request r = Request.make("GET", "https://localhost:" + port + "/s", new byte[0],
                new Headers());
        return new HttpFlow(new ClientConnection(), new ServerConnection(), r, false);
    }
}
