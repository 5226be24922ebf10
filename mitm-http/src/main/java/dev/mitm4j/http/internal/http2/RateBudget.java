package dev.mitm4j.http.internal.http2;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket, the shape of nghttp2's rate limits: {@code limit} events may come at once, and
 * the budget refills evenly at {@code limit} per {@code window}. So a peer may burst up to the
 * limit, but cannot sustain more than {@code limit / window}. Used by one thread (a connection's
 * reader); not thread-safe.
 */
final class RateBudget {
    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    /**
     * @param limit events allowed at once, and refilled per window
     * @param window the time in which a spent budget refills
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    RateBudget(int limit, Duration window, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = clock;
        this.tokens = limit;
        this.last = clock.getAsLong();
    }

    /** {@return true when the budget allows one more event now, which it then counts} */
    boolean take() {
        long now = clock.getAsLong();
        tokens = Math.min(limit, tokens + (now - last) * (double) limit / windowNanos);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
