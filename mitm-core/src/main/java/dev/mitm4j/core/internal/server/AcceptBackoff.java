package dev.mitm4j.core.internal.server;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an accept loop does when {@code accept} fails while the listener is open: most often the
 * process ran out of file descriptors (EMFILE) or the system did (ENFILE); the pending
 * connections wait in the backlog, and accepting works again once descriptors are freed. The
 * loop waits between attempts, doubling from {@link #FIRST_WAIT} to {@link #MAX_WAIT}, and logs
 * at WARN once per streak of failures, with the process's open-file limit, then at INFO when
 * an accept succeeds again. Used by one accept loop only (not thread-safe).
 */
final class AcceptBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    /** The first wait after a failed accept. */
    static final Duration FIRST_WAIT = Duration.ofMillis(10);
    /** The longest wait between two attempts. */
    static final Duration MAX_WAIT = Duration.ofMillis(500);

    private final String listener;
    private final long descriptorLimit;
    private int failures;
    private long streakStart;
    private Duration wait = FIRST_WAIT;

    /**
     * @param descriptorLimit the open-file limit of this process (-1: unknown), read before the
     *     descriptors ran out (reading it may need one)
     */
    AcceptBackoff(String listener, long descriptorLimit) {
        this.listener = listener;
        this.descriptorLimit = descriptorLimit;
    }

    /**
     * Records a failed accept and waits before the next attempt.
     *
     * @throws InterruptedException when the accept thread was interrupted while waiting
     */
    void failed(Throwable e) throws InterruptedException {
        if (failures++ == 0) {
            streakStart = System.nanoTime();
            LOG.warn("accept failed on {}: {} (open-file limit of this process: {}); "
                    + "accepting again as soon as descriptors are freed", listener, e.toString(),
                    descriptorLimit < 0 ? "unknown" : descriptorLimit);
        }
        Thread.sleep(wait);
        wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
    }

    /** Records a successful accept: ends a streak of failures, if any. */
    void succeeded() {
        if (failures > 0) {
            LOG.info("accepting again on {} after {} failed attempts over {} ms", listener,
                    failures, Duration.ofNanos(System.nanoTime() - streakStart).toMillis());
            failures = 0;
            wait = FIRST_WAIT;
        }
    }
}
