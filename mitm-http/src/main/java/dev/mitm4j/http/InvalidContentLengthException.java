package dev.mitm4j.http;

/**
 * Content-Length is repeated, not a plain decimal number, signed, or too large.
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidContentLengthException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidContentLengthException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
