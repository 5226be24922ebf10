package dev.mitm4j.http.internal.http2;

/**
 * The HTTP/2 connection failed (RFC 9113 section 5.4.1): every stream on it fails with this
 * exception. When detected locally, a GOAWAY frame carrying {@link #errorCode()} was sent (as far
 * as the socket allowed) and the connection closed; when {@link #remote()}, the peer sent the
 * GOAWAY (or closed the connection while streams were open, then the code is
 * {@link Http2ErrorCode#PROTOCOL_ERROR} with {@link #offset()} at the end of the input).
 *
 * <p>The message has the form {@code "DATA on stream 0 at offset 24 [PROTOCOL_ERROR]"}: what is
 * wrong, where in the connection's input it was found ({@code -1} when not from input), and the
 * code. Immutable and thread-safe.
 */
public final class Http2ConnectionException extends Http2Exception {
    private final long offset;

    /**
     * A connection error detected by this endpoint.
     *
     * @param code the error code to send in GOAWAY
     * @param problem what is wrong, without any header value or body byte
     * @param offset the byte offset in the connection's input, or -1
     */
    public Http2ConnectionException(Http2ErrorCode code, String problem, long offset) {
        this(problem, offset, code.code(), false);
    }

    private Http2ConnectionException(String problem, long offset, int wireCode, boolean remote) {
        super(problem + (offset >= 0 ? " at offset " + offset : "")
                + " [" + codeName(wireCode) + "]", wireCode, remote);
        this.offset = offset;
    }

    /**
     * {@return a connection error reported by the peer}
     *
     * @param wireCode the code of its GOAWAY frame
     * @param problem what happened, e.g. {@code "GOAWAY from peer"}
     */
    public static Http2ConnectionException remote(int wireCode, String problem) {
        return new Http2ConnectionException(problem, -1, wireCode, true);
    }

    /** {@return the byte offset in the connection's input where the problem was found, or -1} */
    public long offset() {
        return offset;
    }
}
