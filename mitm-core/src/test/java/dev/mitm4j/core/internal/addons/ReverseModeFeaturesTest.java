package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyMode;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** update_alt_svc, keep_alt_svc_header, upstream_auth and keep_host_header in reverse mode. */
class ReverseModeFeaturesTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
        server.enqueue(new MockResponse.Builder()
                .addHeader("Alt-Svc", "h3=\"origin.example:443\"; ma=60, h2=\":8443\"").build());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Options.Builder reverse() {
        return Options.builder().mode(ProxyMode.parse("reverse:http://127.0.0.1:"
                + server.getPort()));
    }

    @Test
    void altSvcPointsAtTheProxy() throws Exception {
        try (Harness h = Harness.start(reverse())) {
            String answer = h.raw("GET / HTTP/1.1\r\nHost: front\r\nConnection: close\r\n\r\n");
            int port = h.proxy.port();
            assertTrue(answer.contains("Alt-Svc: h3=\":" + port + "\"; ma=60, h2=\":" + port
                    + "\""), answer);
        }
    }

    @Test
    void keepAltSvcHeaderKeepsIt() throws Exception {
        try (Harness h = Harness.start(reverse().set("keep_alt_svc_header", "true"))) {
            String answer = h.raw("GET / HTTP/1.1\r\nHost: front\r\nConnection: close\r\n\r\n");
            assertTrue(answer.contains("Alt-Svc: h3=\"origin.example:443\"; ma=60"), answer);
        }
    }

    @Test
    void upstreamAuthBecomesAuthorizationAndTheHostHeaderTheTarget() throws Exception {
        try (Harness h = Harness.start(reverse().set("upstream_auth", "user:pass"))) {
            h.raw("GET / HTTP/1.1\r\nHost: front\r\nConnection: close\r\n\r\n");
        }
        RecordedRequest r = Harness.take(server);
        assertEquals("Basic dXNlcjpwYXNz", r.getHeaders().get("Authorization"));
        assertEquals("127.0.0.1:" + server.getPort(), r.getHeaders().get("Host"));
    }

    @Test
    void keepHostHeaderKeepsTheClientsHost() throws Exception {
        try (Harness h = Harness.start(reverse().set("keep_host_header", "true"))) {
            h.raw("GET / HTTP/1.1\r\nHost: front.example\r\nConnection: close\r\n\r\n");
        }
        assertEquals("front.example", Harness.take(server).getHeaders().get("Host"));
    }

    @Test
    void builtInsRunInMitmproxysOrderBeforeUserAddons() throws Exception {
        Options.Builder everything = reverse().blockList(":~d x:404").anticache(true)
                .anticomp(true).mapRemote("|a|b").mapLocal("|a|" + System.getProperty(
                        "java.io.tmpdir")).modifyBody("/a/b").modifyHeaders("/a/b")
                .stickyauth("~q").stickycookie("~q").set("upstream_auth", "u:p")
                .intercept("~u /never").set("onboarding", "false");
        try (Harness h = Harness.start(everything)) {
            List<String> names = h.proxy.master().addons().stream().map(Addon::name).toList();
            assertEquals(List.of("block_list", "anticache", "anticomp", "map_remote", "map_local",
                    "modify_body", "modify_headers", "stickyauth", "stickycookie",
                    "upstream_auth", "update_alt_svc", "intercept", "loopback-guard"), names);
        }
    }
}
