package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class WithMitmProxyTest {

    @Test
    void classLevelProxyServesEveryTestAndStopsAfterAll() {
        ClassLevelTestCase.seen.clear();
        EngineExecutionResults results = Fixtures.run(ClassLevelTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertEquals(2, ClassLevelTestCase.seen.size());
        assertSame(ClassLevelTestCase.seen.get(0), ClassLevelTestCase.seen.get(1));
        assertThrows(IllegalStateException.class, ClassLevelTestCase.seen.get(0)::port);
    }

    @Test
    void methodLevelProxyIsPerMethod() {
        PerMethodTestCase.seen.clear();
        EngineExecutionResults results = Fixtures.run(PerMethodTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertEquals(2, PerMethodTestCase.seen.size());
        assertNotSame(PerMethodTestCase.seen.get(0), PerMethodTestCase.seen.get(1));
        PerMethodTestCase.seen.forEach(p -> assertThrows(IllegalStateException.class, p::port));
    }

    @Test
    void aMethodLevelProxyShadowsTheClassLevelOne() {
        Fixtures.run(ShadowTestCase.class).testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
    }

    @Test
    void aTestSeesItsOwnFlowsAndTheProxyKeepsEveryTestsFlows() {
        EngineExecutionResults results = Fixtures.run(OwnFlowsTestCase.class);

        assertEquals("", Fixtures.failures(results));
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    }

    @Test
    void aFailingTestIsReportedWithItsOwnFlowsOnly() {
        String failures = Fixtures.failures(Fixtures.run(SecondFailsTestCase.class));

        assertTrue(failures.contains("suppressed: flows seen (1):"), failures);
        assertTrue(failures.contains("/two -> 200 OK"), failures);
        assertFalse(failures.contains("/one"), failures);
    }

    @Test
    void awaitFailureListsTheFlowsSeenOneLineEach() {
        String failures = Fixtures.failures(Fixtures.run(AwaitFailsTestCase.class));

        assertTrue(failures.contains("no flow matching ~u /absent within PT0.2S"), failures);
        assertTrue(failures.matches("(?s).*flows seen \\(1\\):\n  GET http://localhost:\\d+"
                + "/present -> 200 OK \\(14 B\\).*"), failures);
    }

    @Test
    void anyFailingTestGetsTheFlowsSeenAttached() {
        String failures = Fixtures.failures(Fixtures.run(PlainFailureTestCase.class));

        assertTrue(failures.contains("expected: <1> but was: <2>"), failures);
        assertTrue(failures.contains("suppressed: flows seen (1):"), failures);
        assertTrue(failures.contains("/one -> 200 OK"), failures);
    }

    @Test
    void evictedFlowsFailAssertionsInsteadOfPassing() {
        String failures = Fixtures.failures(Fixtures.run(EvictionTestCase.class));

        assertTrue(failures.contains("cannot prove that no flow matches ~u /a: 1 flow(s) evicted"
                + " from a ring of 2"), failures);
        assertTrue(failures.contains("no retained flow matches ~u /a and the first match may"
                + " have been evicted"), failures);
    }

    @Test
    void optionsAddonsAndSetUpMethodsConfigureTheProxy() {
        EngineExecutionResults results = Fixtures.run(ConfiguredTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void badOptionFailsTheClassNamingTheOption() {
        String failures = Fixtures.failures(Fixtures.run(BadOptionTestCase.class));

        assertTrue(failures.contains("no_such_option"), failures);
    }

    @Test
    void methodLevelProxyIsNotResolvableInBeforeAll() {
        String failures = Fixtures.failures(Fixtures.run(TooEarlyTestCase.class));

        assertTrue(failures.contains("No ParameterResolver registered for parameter"
                + " [dev.mitm4j.testkit.MitmProxy"), failures);
    }

    @WithMitmProxy
    static class ClassLevelTestCase {
        static final List<MitmProxy> seen = new CopyOnWriteArrayList<>();
        static Upstream upstream;

        @BeforeAll
        static void upstream() {
            upstream = new Upstream();
        }

        @AfterAll
        static void close() {
            upstream.close();
        }

        @Test
        void first(MitmProxy proxy, RecordedFlows flows) throws Exception {
            seen.add(proxy);
            assertEquals("hello /first", upstream.get(proxy, "/first"));
            assertEquals("/first", flows.await("~u /first", Duration.ofSeconds(5))
                    .request().path());
        }

        @Test
        void second(MitmProxy proxy, RecordedFlows flows) throws Exception {
            seen.add(proxy);
            assertEquals("hello /second", upstream.get(proxy, "/second"));
            assertEquals(200, flows.await("~u /second", Duration.ofSeconds(5))
                    .response().statusCode());
        }
    }

    static class PerMethodTestCase {
        static final List<MitmProxy> seen = new CopyOnWriteArrayList<>();

        @Test
        @WithMitmProxy
        void first(MitmProxy proxy, RecordedFlows flows) throws Exception {
            check(proxy, flows);
        }

        @Test
        @WithMitmProxy
        void second(MitmProxy proxy, RecordedFlows flows) throws Exception {
            check(proxy, flows);
        }

        private static void check(MitmProxy proxy, RecordedFlows flows) throws Exception {
            seen.add(proxy);
            try (Upstream upstream = new Upstream()) {
                upstream.get(proxy, "/x");
            }
            assertEquals(1, flows.all().size(), "a fresh proxy has only this test's flow");
        }
    }

    @WithMitmProxy
    static class ShadowTestCase {
        static MitmProxy classProxy;

        @BeforeAll
        static void keep(MitmProxy proxy) {
            classProxy = proxy;
        }

        @Test
        @WithMitmProxy
        void ownProxy(MitmProxy proxy) {
            assertNotSame(classProxy, proxy);
        }

        @Test
        void classProxy(MitmProxy proxy) {
            assertSame(classProxy, proxy);
        }
    }

    static List<String> paths(RecordedFlows flows) {
        return flows.all().stream().map(f -> f.request().path()).toList();
    }

    @WithMitmProxy
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OwnFlowsTestCase {
        static Upstream upstream;

        @BeforeAll
        static void upstream() {
            upstream = new Upstream();
        }

        @AfterAll
        static void theClassSeesEveryFlow(RecordedFlows flows) {
            upstream.close();
            assertEquals(List.of("/setup", "/first", "/setup", "/second"), paths(flows));
        }

        @BeforeEach
        void setUp(MitmProxy proxy) throws Exception {
            upstream.get(proxy, "/setup");
        }

        @AfterEach
        void tearDownSeesTheSameFlows(RecordedFlows flows) {
            assertEquals(2, flows.all().size());
            assertEquals("/setup", flows.all().get(0).request().path());
        }

        @Test
        @Order(1)
        void first(MitmProxy proxy, RecordedFlows flows) throws Exception {
            upstream.get(proxy, "/first");
            assertEquals(List.of("/setup", "/first"), paths(flows));
        }

        @Test
        @Order(2)
        void second(MitmProxy proxy, RecordedFlows flows) throws Exception {
            upstream.get(proxy, "/second");
            assertEquals("/second", flows.await("~u /(first|second)", Duration.ofSeconds(5))
                    .request().path());
            flows.assertNone("~u /first");
            assertEquals(List.of("/setup", "/first", "/setup", "/second"),
                    paths(proxy.flows()));
        }
    }

    @WithMitmProxy
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SecondFailsTestCase {
        @Test
        @Order(1)
        void passes(MitmProxy proxy) throws Exception {
            try (Upstream upstream = new Upstream()) {
                upstream.get(proxy, "/one");
            }
        }

        @Test
        @Order(2)
        void fails(MitmProxy proxy) throws Exception {
            try (Upstream upstream = new Upstream()) {
                upstream.get(proxy, "/two");
            }
            assertEquals(1, 2);
        }
    }

    @WithMitmProxy
    static class AwaitFailsTestCase {
        @Test
        void waitsForAFlowThatNeverComes(MitmProxy proxy, RecordedFlows flows) throws Exception {
            try (Upstream upstream = new Upstream()) {
                upstream.get(proxy, "/present");
            }
            flows.await("~u /absent", Duration.ofMillis(200));
        }
    }

    @WithMitmProxy
    static class PlainFailureTestCase {
        @Test
        void fails(MitmProxy proxy) throws Exception {
            try (Upstream upstream = new Upstream()) {
                upstream.get(proxy, "/one");
            }
            assertEquals(1, 2);
        }
    }

    @WithMitmProxy(maxFlows = 2)
    static class EvictionTestCase {
        static Upstream upstream;

        @BeforeAll
        static void traffic(MitmProxy proxy, RecordedFlows flows) throws Exception {
            upstream = new Upstream();
            for (String path : List.of("/a", "/b", "/c")) {
                upstream.get(proxy, path);
            }
            flows.await("~u /c", Duration.ofSeconds(5));
        }

        @AfterAll
        static void close() {
            upstream.close();
        }

        @Test
        void absenceCannotBeProven(MitmProxy proxy) {
            proxy.flows().assertNone("~u /a");
        }

        @Test
        void firstMatchMayBeGone(MitmProxy proxy) throws Exception {
            proxy.flows().await("~u /a", Duration.ofSeconds(5));
        }
    }

    /** Rewrites every response body; instantiated through its no-arg constructor. */
    public static final class Shout implements Addon {
        @Override
        public void response(HttpFlow flow) {
            flow.response().text(flow.response().text().toUpperCase(java.util.Locale.ROOT));
        }
    }

    @WithMitmProxy(options = "anticache=true", addons = Shout.class)
    static class ConfiguredTestCase {
        @SetUpProxy
        static void setUp(ProxyServer.Builder server, Options.Builder options) {
            options.set("stream_large_bodies", "1m");
            server.addon(Addon.onResponse("tag", f -> f.response().headers().set("x-tag", "t")));
        }

        @Test
        void configured(MitmProxy proxy, RecordedFlows flows, ProxyServer server)
                throws Exception {
            assertSame(proxy.server(), server);
            assertTrue(server.config().options().anticache());
            assertEquals(1024 * 1024, proxy.server().config().options().streamLargeBodies());
            try (Upstream upstream = new Upstream()) {
                assertEquals("HELLO /Q", upstream.get(proxy, "/q"));
            }
            assertEquals("t", flows.last().response().headers().get("x-tag"));
        }
    }

    @WithMitmProxy(options = "no_such_option=1")
    static class BadOptionTestCase {
        @Test
        void neverRuns() {}
    }

    static class TooEarlyTestCase {
        @BeforeAll
        static void early(MitmProxy proxy) {}

        @Test
        @WithMitmProxy
        void test() {}
    }
}
