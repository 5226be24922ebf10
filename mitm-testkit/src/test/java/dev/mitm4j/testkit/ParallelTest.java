package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ParallelTest {
    /** All three classes must be inside their test at once, or the barrier breaks. */
    static final CyclicBarrier together = new CyclicBarrier(3);

    @Test
    void classesRunConcurrentlyEachWithItsOwnProxyAndFlows() {
        together.reset();
        EngineExecutionResults results = Fixtures.runParallel(
                ATestCase.class, BTestCase.class, CTestCase.class);

        assertEquals("", Fixtures.failures(results));
        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    }

    static void exercise(MitmProxy proxy, RecordedFlows flows, String path) throws Exception {
        together.await(30, TimeUnit.SECONDS);
        try (Upstream upstream = new Upstream()) {
            for (int i = 0; i < 3; i++) {
                upstream.get(proxy, path);
            }
        }
        assertEquals(3, flows.all().size());
        assertTrue(flows.all().stream().allMatch(f -> f.request().path().equals(path)),
                flows.toString());
    }

    @WithMitmProxy
    static class ATestCase {
        @Test
        void a(MitmProxy proxy, RecordedFlows flows) throws Exception {
            exercise(proxy, flows, "/a");
        }
    }

    @WithMitmProxy
    static class BTestCase {
        @Test
        void b(MitmProxy proxy, RecordedFlows flows) throws Exception {
            exercise(proxy, flows, "/b");
        }
    }

    @WithMitmProxy
    static class CTestCase {
        @Test
        void c(MitmProxy proxy, RecordedFlows flows) throws Exception {
            exercise(proxy, flows, "/c");
        }
    }
}
