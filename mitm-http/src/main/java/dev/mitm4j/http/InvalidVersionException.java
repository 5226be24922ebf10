package dev.mitm4j.http;

/**
 * The HTTP version is malformed, not HTTP/1.x, or missing (an HTTP/0.9 request).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidVersionException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidVersionException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
