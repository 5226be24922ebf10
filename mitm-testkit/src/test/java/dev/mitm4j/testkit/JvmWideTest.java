package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class JvmWideTest {
    private final String before = System.getProperty("http.proxyHost");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("http.proxyHost");
        } else {
            System.setProperty("http.proxyHost", before);
        }
    }

    @Test
    void jvmWideModeRoutesUrlConnectionsAndRestoresEverything() throws Exception {
        System.setProperty("http.proxyHost", "before.invalid");
        System.clearProperty("https.proxyHost");
        SSLContext context = SSLContext.getDefault();
        SSLSocketFactory factory = HttpsURLConnection.getDefaultSSLSocketFactory();

        EngineExecutionResults results = Fixtures.run(JvmWideTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertEquals("before.invalid", System.getProperty("http.proxyHost"));
        assertNull(System.getProperty("https.proxyHost"));
        assertNull(System.getProperty("http.nonProxyHosts"));
        assertSame(context, SSLContext.getDefault());
        assertSame(factory, HttpsURLConnection.getDefaultSSLSocketFactory());
    }

    @Test
    void aTestsOwnJvmWideProxyNestsInsideItsClasssAndIsUndoneFirst() {
        Fixtures.run(NestedJvmWideTestCase.class).testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
        assertNull(System.getProperty("https.proxyPort"));
    }

    @Test
    void aJvmWideProxyOverlappingAnotherThatDoesNotEncloseItIsRefused() {
        EngineExecutionResults results = Fixtures.run(OverlapOuterTestCase.class);

        assertEquals("", Fixtures.failures(results));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertNull(System.getProperty("https.proxyPort"));
    }

    @WithMitmProxy(jvmWide = true)
    static class NestedJvmWideTestCase {
        @Test
        @WithMitmProxy(jvmWide = true)
        void ownProxy(MitmProxy proxy) {
            assertEquals(Integer.toString(proxy.port()), System.getProperty("https.proxyPort"));
        }

        @Test
        void classProxyAgainAfterwards(MitmProxy proxy) {
            assertEquals(Integer.toString(proxy.port()), System.getProperty("https.proxyPort"));
        }
    }

    /** Runs another jvmWide class while its own proxy is installed, as a parallel run would. */
    @WithMitmProxy(jvmWide = true)
    static class OverlapOuterTestCase {
        @Test
        void theOtherClassFailsAndLeavesThisOnesSettings(MitmProxy proxy) {
            String failures = Fixtures.failures(Fixtures.run(OverlapInnerTestCase.class));

            assertTrue(failures.contains("@WithMitmProxy(jvmWide = true) of"
                    + " [engine:junit-jupiter]/[class:" + OverlapInnerTestCase.class.getName()
                    + "] overlaps with that of [engine:junit-jupiter]/[class:"
                    + OverlapOuterTestCase.class.getName() + "], which runs in parallel"),
                    failures);
            assertTrue(failures.contains("@ResourceLock(Resources.SYSTEM_PROPERTIES)"), failures);
            assertEquals(Integer.toString(proxy.port()), System.getProperty("https.proxyPort"));
        }
    }

    @WithMitmProxy(jvmWide = true)
    static class OverlapInnerTestCase {
        @Test
        void neverRuns() {}
    }

    @WithMitmProxy(jvmWide = true, options = "ssl_insecure=true")
    static class JvmWideTestCase {
        @Test
        void plainUrlConnectionGoesThroughTheProxy(MitmProxy proxy, RecordedFlows flows)
                throws Exception {
            assertEquals("127.0.0.1", System.getProperty("http.proxyHost"));
            assertEquals(Integer.toString(proxy.port()), System.getProperty("https.proxyPort"));
            try (Upstream upstream = new Upstream()) {
                HttpURLConnection c = (HttpURLConnection) upstream.uri("/jvm").toURL()
                        .openConnection();
                assertEquals("hello /jvm", read(c));
            }
            assertEquals("/jvm", flows.await("~u /jvm", Duration.ofSeconds(5)).request().path());
        }

        @Test
        void httpsUrlConnectionTrustsTheProxyCa(RecordedFlows flows) throws Exception {
            try (HttpsUpstream upstream = new HttpsUpstream("secret")) {
                HttpsURLConnection c = (HttpsURLConnection) upstream.uri("/tls").toURL()
                        .openConnection();
                assertEquals("secret", read(c));
            }
            assertEquals("secret", flows.await("~u /tls", Duration.ofSeconds(5))
                    .response().text());
        }

        private static String read(HttpURLConnection c) throws Exception {
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        }
    }
}
