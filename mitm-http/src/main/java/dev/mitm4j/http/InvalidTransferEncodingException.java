package dev.mitm4j.http;

/**
 * Transfer-Encoding is repeated, unknown, obfuscated, not ending in chunked (requests), or sent with HTTP/1.0.
 *
 * <p>Immutable and thread-safe; see {@link HttpParseException} for offset, state and message.
 */
public final class InvalidTransferEncodingException extends HttpParseException {
    /** See {@link HttpParseException#HttpParseException(String, long, String)}. */
    public InvalidTransferEncodingException(String problem, long offset, String state) {
        super(problem, offset, state);
    }
}
