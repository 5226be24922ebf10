package dev.mitm4j.http;

/**
 * A chunk-size line is malformed or overflows, or chunk data is not followed by CRLF (RFC 9112 section 7.1).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidChunkException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidChunkException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
