package dev.mitm4j.examples;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as ordinary events: the first one runs the graceful close (the
 * proxy stops accepting and lets flows in progress finish for {@code shutdown_timeout}) and
 * {@code main} then exits with status 0, as mitmdump does, instead of the JVM's 130/143; a second
 * one while that runs exits at once with 128 + the signal number (130 for Ctrl-C, 143 for
 * SIGTERM), skipping the wait and the shutdown hooks. Where {@code sun.misc.Signal} is missing
 * (it is in jdk.unsupported, present in every JDK so far), the caller's shutdown hook still closes
 * the proxy.
 */
final class Signals {
    private static final int SIGNAL_EXIT_BASE = 128;

    private Signals() {}

    /** Runs {@code gracefulClose} on the first signal (on the signal's own thread). */
    static void onInterruptOrTerminate(Runnable gracefulClose) {
        AtomicBoolean closing = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (closing.compareAndSet(false, true)) {
                        gracefulClose.run();
                    } else {
                        Runtime.getRuntime().halt(SIGNAL_EXIT_BASE + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException | LinkageError e) {
                // this platform has no such signal, or no sun.misc: the shutdown hook remains
            }
        }
    }
}
