package dev.mitm4j.http;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a flow ended without a normal result (connection refused, killed, protocol error ...), as
 * mitmproxy's {@code Error}. An HTTP error response is not a FlowError; it is a
 * {@link Response}. Immutable.
 *
 * @param msg a human-readable message, never containing body bytes
 * @param timestamp when the error happened
 */
public record FlowError(String msg, Instant timestamp) {
    /** The message of a flow ended by {@link Flow#kill()}: {@value}. */
    public static final String KILLED_MESSAGE = "Connection killed.";

    /** Checks for nulls. */
    public FlowError {
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** {@return an error with {@code msg}, timestamped now} */
    public static FlowError of(String msg) {
        return new FlowError(msg, Instant.now());
    }

    /** {@return whether this is the error {@link Flow#kill()} records} */
    public boolean isKilled() {
        return KILLED_MESSAGE.equals(msg);
    }

    @Override
    public String toString() {
        return msg;
    }
}
