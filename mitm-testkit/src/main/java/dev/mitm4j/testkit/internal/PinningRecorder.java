package dev.mitm4j.testkit.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

/**
 * Records JFR {@code jdk.VirtualThreadPinned} events (pinned for 20 ms or longer, JFR's default
 * threshold) while a proxy runs. JFR sees the whole JVM, so in a parallel run another test's
 * pinning is reported too. Thread-safe.
 */
final class PinningRecorder implements AutoCloseable {
    static final Duration THRESHOLD = Duration.ofMillis(20);
    private static final String EVENT = "jdk.VirtualThreadPinned";

    private final RecordingStream stream = new RecordingStream();
    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

    private PinningRecorder() {
        stream.enable(EVENT).withThreshold(THRESHOLD).withStackTrace();
        stream.onEvent(EVENT, events::add);
    }

    static PinningRecorder start() {
        PinningRecorder r = new PinningRecorder();
        r.stream.startAsync();
        return r;
    }

    /**
     * Stops recording (JFR delivers every event recorded before the stop) and fails when a virtual
     * thread was pinned.
     *
     * @throws AssertionError naming the first pinned stack
     */
    void check() {
        stream.stop();
        if (!events.isEmpty()) {
            throw new AssertionError("a virtual thread pinned its carrier " + events.size()
                    + " time(s) for " + THRESHOLD.toMillis() + " ms or longer; first at:"
                    + frames(events.get(0)));
        }
    }

    private static String frames(RecordedEvent event) {
        StringBuilder sb = new StringBuilder();
        if (event.getStackTrace() == null) {
            return " (no stack trace)";
        }
        for (RecordedFrame f : event.getStackTrace().getFrames()) {
            sb.append("\n  at ").append(f.getMethod().getType().getName()).append('.')
                    .append(f.getMethod().getName()).append(" line ").append(f.getLineNumber());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        stream.close();
    }
}
