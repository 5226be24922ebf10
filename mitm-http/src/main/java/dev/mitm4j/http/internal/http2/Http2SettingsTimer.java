package dev.mitm4j.http.internal.http2;

import java.time.Duration;

/**
 * Ends a connection whose peer does not acknowledge our SETTINGS within {@link
 * Http2Limits#settingsTimeout()}, with GOAWAY SETTINGS_TIMEOUT (RFC 9113 section 6.5.3): a peer
 * that never acknowledges may never apply our limits either. One virtual thread per connection
 * waits for the acknowledgement and ends as soon as it arrives or the connection ends.
 */
final class Http2SettingsTimer {
    private Http2SettingsTimer() {}

    /** Starts timing the SETTINGS frame just written on {@code c}. */
    static void start(Http2Connection c) {
        Thread.ofVirtual().name("h2-settings-timer-" + c.name()).start(() -> await(c));
    }

    private static void await(Http2Connection c) {
        Duration timeout = c.limits.settingsTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        c.lock.lock();
        try {
            while (!c.localSettingsAcked && c.failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                c.awaitChange(left);
            }
            if (c.localSettingsAcked || c.failure != null) {
                return;
            }
        } catch (InterruptedException e) {
            return; // nobody interrupts this thread but a JVM shutting down
        } finally {
            c.lock.unlock();
        }
        c.failLingering(new Http2ConnectionException(Http2ErrorCode.SETTINGS_TIMEOUT,
                "SETTINGS not acknowledged within " + timeout.toMillis() + " ms", -1));
    }
}
