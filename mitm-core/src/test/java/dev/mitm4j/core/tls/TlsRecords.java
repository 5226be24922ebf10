package dev.mitm4j.core.tls;

import java.time.Duration;
import java.time.Instant;

/** Waits for an event a connection thread records after the client already saw the outcome. */
final class TlsRecords {
    private TlsRecords() {}

    /** Waits (polling, up to 10 s) until {@code event} was recorded; fails otherwise. */
    static void awaitEvent(RecordingTlsAddon recorder, String event) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!recorder.events.contains(event)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + event + " in " + recorder.events);
            }
            Thread.sleep(10);
        }
    }
}
