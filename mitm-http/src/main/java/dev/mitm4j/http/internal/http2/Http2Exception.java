package dev.mitm4j.http.internal.http2;

import java.net.ProtocolException;

/**
 * An HTTP/2 failure carrying its RFC 9113 error code: either the whole connection failed
 * ({@link Http2ConnectionException}) or one stream was reset ({@link Http2StreamException}), as
 * section 5.4 distinguishes. {@link #remote()} tells whether the peer reported it (in a GOAWAY or
 * RST_STREAM frame) or this endpoint detected it (and sent the frame).
 *
 * <p>Messages never contain a header value or body bytes; they may contain a header name, a frame
 * type, a stream id, a length or a single offending byte in hex. Immutable and thread-safe.
 */
public abstract sealed class Http2Exception extends ProtocolException
        permits Http2ConnectionException, Http2StreamException {
    private final Http2ErrorCode errorCode;
    private final int wireCode;
    private final boolean remote;

    Http2Exception(String message, int wireCode, boolean remote) {
        super(message);
        this.errorCode = Http2ErrorCode.of(wireCode);
        this.wireCode = wireCode;
        this.remote = remote;
    }

    /** {@return the error code; {@link Http2ErrorCode#INTERNAL_ERROR} for an unknown wire code} */
    public Http2ErrorCode errorCode() {
        return errorCode;
    }

    /** {@return the error code as it was on the wire, including codes not in the enum} */
    public int wireCode() {
        return wireCode;
    }

    /** {@return true when the peer reported the error, false when this endpoint detected it} */
    public boolean remote() {
        return remote;
    }

    static String codeName(int wireCode) {
        Http2ErrorCode code = Http2ErrorCode.of(wireCode);
        return code.code() == wireCode ? code.name() : "0x" + Integer.toHexString(wireCode);
    }
}
