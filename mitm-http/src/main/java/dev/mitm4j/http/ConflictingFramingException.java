package dev.mitm4j.http;

/**
 * A message has both Content-Length and Transfer-Encoding, the classic request-smuggling shape (RFC 9112 section 6.3).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class ConflictingFramingException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public ConflictingFramingException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
