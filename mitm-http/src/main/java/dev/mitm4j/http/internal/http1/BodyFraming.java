package dev.mitm4j.http.internal.http1;

/**
 * How a message body is delimited on the wire (RFC 9112 section 6.3). Immutable and thread-safe.
 *
 * @param kind the delimiting mechanism
 * @param contentLength the body length for {@link Kind#CONTENT_LENGTH}, else 0
 */
public record BodyFraming(Kind kind, long contentLength) {
    /** No body at all (e.g. GET without Content-Length, HEAD responses, 204, 304, 1xx). */
    public static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
    /** Chunked transfer coding, possibly followed by trailers. */
    public static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, 0);
    /** The body lasts until the connection closes (responses only). */
    public static final BodyFraming UNTIL_CLOSE = new BodyFraming(Kind.UNTIL_CLOSE, 0);

    /** The delimiting mechanisms. */
    public enum Kind { NONE, CONTENT_LENGTH, CHUNKED, UNTIL_CLOSE }

    /**
     * Checks that only CONTENT_LENGTH carries a length.
     *
     * @throws IllegalArgumentException for a negative length or a length on another kind
     */
    public BodyFraming {
        if (contentLength < 0 || (kind != Kind.CONTENT_LENGTH && contentLength != 0)) {
            throw new IllegalArgumentException("contentLength " + contentLength + " for " + kind);
        }
    }

    /** {@return framing by a Content-Length of {@code length} bytes} */
    public static BodyFraming contentLength(long length) {
        return new BodyFraming(Kind.CONTENT_LENGTH, length);
    }

    /** {@return whether the body is known to be empty (NONE, or a Content-Length of 0)} */
    public boolean isEmpty() {
        return kind == Kind.NONE || (kind == Kind.CONTENT_LENGTH && contentLength == 0);
    }
}
