package dev.mitm4j.http;

/**
 * The request method is not a token (RFC 9110 section 9.1).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidMethodException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidMethodException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
