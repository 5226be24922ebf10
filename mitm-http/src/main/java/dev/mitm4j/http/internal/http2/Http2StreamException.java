package dev.mitm4j.http.internal.http2;

/**
 * One HTTP/2 stream was reset (RFC 9113 section 5.4.2); the connection and its other streams go
 * on. When detected locally (a malformed request, a flow-control violation, {@link
 * Http2Stream#cancel}), this endpoint sent RST_STREAM with {@link #errorCode()}; when {@link
 * #remote()}, the peer sent it. Codes a caller acts on: {@link Http2ErrorCode#REFUSED_STREAM}
 * (never processed, safe to retry, also used for streams above a GOAWAY's last stream id),
 * {@link Http2ErrorCode#HTTP_1_1_REQUIRED} (retry over HTTP/1.1) and {@link
 * Http2ErrorCode#CANCEL}.
 *
 * <p>The message has the form {@code "uppercase header name at field 3 on stream 5
 * [PROTOCOL_ERROR]"} and never contains a header value. Immutable and thread-safe.
 */
public final class Http2StreamException extends Http2Exception {
    private final int streamId;

    /**
     * A stream error detected by this endpoint.
     *
     * @param streamId the stream
     * @param code the error code to send in RST_STREAM
     * @param problem what is wrong, without any header value or body byte
     */
    public Http2StreamException(int streamId, Http2ErrorCode code, String problem) {
        this(streamId, code.code(), problem, false);
    }

    private Http2StreamException(int streamId, int wireCode, String problem, boolean remote) {
        super(problem + " on stream " + streamId + " [" + codeName(wireCode) + "]",
                wireCode, remote);
        this.streamId = streamId;
    }

    /** {@return a reset reported by the peer, or implied by its GOAWAY} */
    public static Http2StreamException remote(int streamId, int wireCode, String problem) {
        return new Http2StreamException(streamId, wireCode, problem, true);
    }

    /** {@return the id of the stream that was reset} */
    public int streamId() {
        return streamId;
    }
}
