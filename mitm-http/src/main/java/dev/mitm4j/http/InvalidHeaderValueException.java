package dev.mitm4j.http;

/**
 * A field value holds NUL or another control character (RFC 9110 section 5.5).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidHeaderValueException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidHeaderValueException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
