package dev.mitm4j.http;

/**
 * The stream ended in the middle of a message (start line, headers, chunk or fixed-length body).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class IncompleteMessageException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public IncompleteMessageException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
