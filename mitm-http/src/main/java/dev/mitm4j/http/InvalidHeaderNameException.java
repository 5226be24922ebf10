package dev.mitm4j.http;

/**
 * A field name holds a byte that is not a token character, is empty, or is followed by whitespace before the colon (RFC 9112 section 5.1).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidHeaderNameException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidHeaderNameException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
