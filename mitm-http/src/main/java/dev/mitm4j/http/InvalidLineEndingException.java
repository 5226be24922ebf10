package dev.mitm4j.http;

/**
 * A bare CR, or (in strict mode) a bare LF, where CRLF is required (RFC 9112 section 2.2).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidLineEndingException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidLineEndingException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
