package dev.mitm4j.http;

/**
 * A configured {@link Http1Limits} limit was exceeded: a start line, header block, header count or chunk-size line too long.
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class LimitExceededException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public LimitExceededException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
