package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.internal.http1.Http1Writer;
import java.io.IOException;

/**
 * A writer (HTTP/1 or HTTP/2) refused a head (or the trailers) because it would break the message: the
 * defence behind the model's own checks. Thrown before any byte of that head is written, so a
 * refused head leaves its connection as it was; the stream then ends the flow with an error and
 * answers the client with a 502 instead (for trailers, whose message has begun, the connection is
 * closed instead; see {@link HttpStream}). The message names the part and the field, never
 * the value.
 */
final class UnwritableHeadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean trailers;

    private UnwritableHeadException(String part, boolean trailers,
            IllegalArgumentException cause) {
        super(part + " cannot be written: " + cause.getMessage(), cause);
        this.trailers = trailers;
    }

    /**
     * {@return the exception for a {@code message} ("request" or "response") that
     * {@code writer} refused: its head when the writer is still between messages (nothing
     * written), else its trailers}
     */
    static UnwritableHeadException refused(String message, Http1Writer writer,
            IllegalArgumentException cause) {
        return writer.state() == Http1Writer.State.IDLE
                ? new UnwritableHeadException(message + " head", false, cause)
                : new UnwritableHeadException("trailers", true, cause);
    }

    /** {@return the exception for the head of a {@code message} a writer refused unsent} */
    static UnwritableHeadException head(String message, IllegalArgumentException cause) {
        return new UnwritableHeadException(message + " head", false, cause);
    }

    /** {@return the exception for trailers a writer refused after their message began} */
    static UnwritableHeadException trailers(IllegalArgumentException cause) {
        return new UnwritableHeadException("trailers", true, cause);
    }

    /** {@return whether the peer has seen nothing of the message yet, so a 502 can replace it} */
    boolean replaceable() {
        return !trailers;
    }
}
