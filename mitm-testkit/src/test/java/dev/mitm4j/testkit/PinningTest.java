package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class PinningTest {

    @Test
    void pinningFailsATestThatAskedForDetection() {
        EngineExecutionResults results = Fixtures.run(PinsTestCase.class);

        String failures = Fixtures.failures(results);
        assertTrue(failures.contains("a virtual thread pinned its carrier"), failures);
        assertTrue(failures.contains("SlowInit"), failures);
    }

    @Test
    void withoutPinningTheTestPasses() {
        Fixtures.run(CalmTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));
    }

    /** Parks inside its class initializer: a virtual thread cannot unmount there (JDK 24+). */
    static final class SlowInit {
        static final long PARKED_NANOS;

        static {
            long start = System.nanoTime();
            LockSupport.parkNanos(100_000_000L);
            PARKED_NANOS = System.nanoTime() - start;
        }

        private SlowInit() {}
    }

    static class PinsTestCase {
        @Test
        @WithMitmProxy(failOnPinning = true)
        void pins() throws Exception {
            Thread t = Thread.ofVirtual().start(() -> {
                long unused = SlowInit.PARKED_NANOS;
            });
            t.join();
        }
    }

    static class CalmTestCase {
        @Test
        @WithMitmProxy(failOnPinning = true)
        void calm() throws Exception {
            Thread.ofVirtual().start(() -> LockSupport.parkNanos(1_000_000L)).join();
        }
    }
}
