package dev.mitm4j.http;

/**
 * The status line is malformed (RFC 9112 section 4).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidStatusLineException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidStatusLineException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
