package dev.mitm4j.http;

/**
 * The request target has a forbidden byte or does not fit the method's form (RFC 9112 section 3.2).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidTargetException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidTargetException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
