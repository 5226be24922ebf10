package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stickycookie and stickyauth, alone and with modify_headers. */
class StickyTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void cookiesSetByTheServerAreAddedToCookielessRequests() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Set-Cookie", "session=abc; Path=/").build());
        try (Harness h = Harness.start(Options.builder().stickycookie("~d 127.0.0.1"))) {
            h.get(Harness.url(server, "/login"));
            enqueue(3);
            h.get(Harness.url(server, "/private"));
            h.get(Harness.url(server, "/mine"), "Cookie", "own=1");
            h.get("http://127.0.0.1:" + server.getPort() + "/other");
        }
        assertNull(Harness.take(server).getHeaders().get("Cookie"));
        assertEquals("session=abc", Harness.take(server).getHeaders().get("Cookie"));
        assertEquals("own=1", Harness.take(server).getHeaders().get("Cookie"));
        assertEquals("session=abc", Harness.take(server).getHeaders().get("Cookie"));
    }

    @Test
    void pathAndExpiryAreHonoured() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Set-Cookie", "a=1; Path=/app")
                .addHeader("Set-Cookie", "b=2").build());
        try (Harness h = Harness.start(Options.builder().stickycookie("~q"))) {
            h.get(Harness.url(server, "/"));
            enqueue(1);
            h.get(Harness.url(server, "/app/x"));
            server.enqueue(new MockResponse.Builder()
                    .addHeader("Set-Cookie", "b=gone; Max-Age=0").build());
            h.get(Harness.url(server, "/logout"));
            enqueue(2);
            h.get(Harness.url(server, "/"));
            h.get(Harness.url(server, "/app/y"));
        }
        Harness.take(server);
        assertEquals("a=1; b=2", Harness.take(server).getHeaders().get("Cookie"));
        Harness.take(server);
        assertNull(Harness.take(server).getHeaders().get("Cookie"));
        assertEquals("a=1", Harness.take(server).getHeaders().get("Cookie"));
    }

    @Test
    void requestsTheFilterRejectsGetNothing() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "s=1").build());
        try (Harness h = Harness.start(Options.builder().stickycookie("~u /only"))) {
            h.get(Harness.url(server, "/"));
            enqueue(2);
            h.get(Harness.url(server, "/elsewhere"));
            h.get(Harness.url(server, "/only"));
        }
        Harness.take(server);
        assertNull(Harness.take(server).getHeaders().get("Cookie"));
        assertEquals("s=1", Harness.take(server).getHeaders().get("Cookie"));
    }

    @Test
    void modifyHeadersStripsClientCookiesAndStickycookieSuppliesTheSessionOne() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "session=s1").build());
        Options.Builder options = Options.builder().stickycookie("~q")
                .modifyHeaders("/~q/Cookie/");
        try (Harness h = Harness.start(options)) {
            h.get(Harness.url(server, "/login"), "Cookie", "tracker=1");
            enqueue(1);
            h.get(Harness.url(server, "/next"), "Cookie", "tracker=1");
        }
        assertNull(Harness.take(server).getHeaders().get("Cookie"));
        assertEquals("session=s1", Harness.take(server).getHeaders().get("Cookie"));
    }

    @Test
    void stickyauthReplaysTheLastAuthorizationPerHost() throws Exception {
        enqueue(3);
        try (Harness h = Harness.start(Options.builder().stickyauth("~q"))) {
            h.get(Harness.url(server, "/"), "Authorization", "Basic dXNlcjpwYXNz");
            h.get(Harness.url(server, "/again"));
            h.get("http://localhost:" + server.getPort() + "/other-host");
        }
        Harness.take(server);
        assertEquals("Basic dXNlcjpwYXNz", Harness.take(server).getHeaders().get("Authorization"));
        assertNull(Harness.take(server).getHeaders().get("Authorization"));
    }

    @Test
    void domainMatching() {
        assertTrue(CookieJar.domainMatch("www.example.com", ".example.com"));
        assertTrue(CookieJar.domainMatch("example.com", ".example.com"));
        assertFalse(CookieJar.domainMatch("example.com", "other.com"));
        assertFalse(CookieJar.domainMatch("badexample.com", "example.com"));
    }

    private void enqueue(int n) {
        for (int i = 0; i < n; i++) {
            server.enqueue(new MockResponse.Builder().build());
        }
    }
}
