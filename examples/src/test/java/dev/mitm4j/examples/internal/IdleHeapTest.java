package dev.mitm4j.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** mitmdump's JVM collects when idle so that heap goes back to the system after a burst. */
class IdleHeapTest {
    private static final String OPTION = "G1PeriodicGCInterval";

    @Test
    void periodicCollectionIsTurnedOnOnceAndNeverOverridesAChosenValue() {
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName()
                .startsWith("G1");
        if (!g1) {
            assertFalse(IdleHeap.giveBackAfter(Duration.ofSeconds(30)), "only G1 has the option");
            return;
        }
        HotSpotDiagnosticMXBean hotspot =
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertTrue(IdleHeap.giveBackAfter(Duration.ofSeconds(30)));
        assertEquals("30000", hotspot.getVMOption(OPTION).getValue());
        hotspot.setVMOption(OPTION, "0");   // as if the user had chosen a value
        assertFalse(IdleHeap.giveBackAfter(Duration.ofSeconds(30)));
        assertEquals("0", hotspot.getVMOption(OPTION).getValue());
    }
}
