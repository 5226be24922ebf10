package dev.mitm4j.http;

/**
 * A field line continues the previous one (obs-fold), which strict mode rejects (RFC 9112 section 5.2).
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class ObsFoldException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public ObsFoldException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
