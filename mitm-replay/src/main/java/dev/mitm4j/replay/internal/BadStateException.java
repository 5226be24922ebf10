package dev.mitm4j.replay.internal;

/**
 * A decoded record does not have the shape of a flow state (a missing key, a wrong type).
 * Unchecked inside the conversion code; the flow reader turns it into a
 * {@link dev.mitm4j.replay.FlowFileException} carrying the record's offset.
 */
public final class BadStateException extends RuntimeException {
    /** Creates the exception; {@code message} names the key, never body bytes. */
    public BadStateException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public BadStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
