package dev.mitm4j.examples.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Lets mitmdump's JVM give heap back to the system once traffic stops. G1 grows the heap to carry
 * large buffered bodies and, by default, never collects or shrinks it while the process is idle,
 * so the resident size after a burst of large downloads stays at its peak. A periodic collection
 * ({@code -XX:G1PeriodicGCInterval}) runs only when no collection happened for that long, and
 * returns the free heap at its end.
 */
public final class IdleHeap {
    /** How long the JVM must go without a collection before a periodic one runs. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final String OPTION = "G1PeriodicGCInterval";

    private IdleHeap() {}

    /**
     * Turns periodic collection on with {@code interval}, unless the JVM was started with the
     * option set, or runs another collector, or is not HotSpot.
     *
     * @return whether the option was set
     */
    public static boolean giveBackAfter(Duration interval) {
        HotSpotDiagnosticMXBean hotspot =
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return false;
        }
        try {
            VMOption option = hotspot.getVMOption(OPTION);
            if (option.getOrigin() != VMOption.Origin.DEFAULT || !option.isWriteable()
                    || !ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName()
                            .startsWith("G1")) {
                return false;
            }
            hotspot.setVMOption(OPTION, Long.toString(interval.toMillis()));
            return true;
        } catch (IllegalArgumentException noSuchOption) {
            return false;
        }
    }
}
