package dev.mitm4j.http.internal.websocket;

import java.net.ProtocolException;

/**
 * A peer broke RFC 6455 or RFC 7692, or exceeded a {@link WebSocketLimits} limit. The endpoint
 * that reads it fails the connection: it sends a close frame with {@link #closeCode()} and closes.
 *
 * <p>The message has the form {@code "reserved opcode 0x3 at offset 12, reader state
 * [FRAME_HEADER], close code 1002"}. It never contains payload bytes, so it is safe to log.
 * Immutable and thread-safe.
 */
public final class WebSocketProtocolException extends ProtocolException {
    private final int closeCode;
    private final long offset;
    private final String state;

    /**
     * @param problem what is wrong, without payload bytes
     * @param closeCode the close code to fail the connection with:
     *     {@link CloseCodes#PROTOCOL_ERROR}, {@link CloseCodes#INVALID_PAYLOAD} or
     *     {@link CloseCodes#MESSAGE_TOO_BIG}
     * @param offset the byte offset in the stream where it was found
     * @param state the reader state's name
     */
    public WebSocketProtocolException(String problem, int closeCode, long offset, String state) {
        super(problem + " at offset " + offset + ", reader state [" + state + "], close code "
                + closeCode);
        this.closeCode = closeCode;
        this.offset = offset;
        this.state = state;
    }

    /** {@return the close code the connection is to be failed with} */
    public int closeCode() {
        return closeCode;
    }

    /** {@return the byte offset in the stream at which the problem was found} */
    public long offset() {
        return offset;
    }

    /** {@return the name of the reader state in which the problem was found} */
    public String state() {
        return state;
    }
}
