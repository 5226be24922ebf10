package dev.mitm4j.http.internal.http2;

/**
 * The error codes of RST_STREAM and GOAWAY frames (RFC 9113 section 7). A code this
 * implementation does not know is kept as its number by the exceptions that carry it and maps to
 * {@link #INTERNAL_ERROR} here, as section 7 allows.
 */
public enum Http2ErrorCode {
    /** A graceful shutdown; also a stream the sender no longer needs. */
    NO_ERROR(0x0),
    /** A protocol rule was broken; used when nothing more specific applies. */
    PROTOCOL_ERROR(0x1),
    /** An unexpected internal failure. */
    INTERNAL_ERROR(0x2),
    /** The peer broke the flow-control protocol. */
    FLOW_CONTROL_ERROR(0x3),
    /** A SETTINGS frame was not acknowledged in time. */
    SETTINGS_TIMEOUT(0x4),
    /** A frame arrived on a stream that was already half-closed. */
    STREAM_CLOSED(0x5),
    /** A frame had an invalid size. */
    FRAME_SIZE_ERROR(0x6),
    /** The stream was refused before any application processing: safe to retry. */
    REFUSED_STREAM(0x7),
    /** The stream is no longer needed. */
    CANCEL(0x8),
    /** The field-block compression context (HPACK) cannot be maintained. */
    COMPRESSION_ERROR(0x9),
    /** The connection of a CONNECT request was reset or closed abnormally. */
    CONNECT_ERROR(0xa),
    /** The peer generates excessive load. */
    ENHANCE_YOUR_CALM(0xb),
    /** The transport does not meet minimum security requirements. */
    INADEQUATE_SECURITY(0xc),
    /** The request must be sent again over HTTP/1.1. */
    HTTP_1_1_REQUIRED(0xd);

    private static final Http2ErrorCode[] BY_CODE = values();

    private final int code;

    Http2ErrorCode(int code) {
        this.code = code;
    }

    /** {@return the 32-bit code on the wire} */
    public int code() {
        return code;
    }

    /** {@return the constant for a wire code; {@link #INTERNAL_ERROR} for unknown codes} */
    public static Http2ErrorCode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : INTERNAL_ERROR;
    }
}
