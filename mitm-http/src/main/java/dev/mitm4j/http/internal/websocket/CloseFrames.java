package dev.mitm4j.http.internal.websocket;

import java.nio.charset.StandardCharsets;

/** The payload of close frames (RFC 6455 §5.5.1): a two-byte code, then a UTF-8 reason. */
public final class CloseFrames {
    /** The longest reason that fits a control frame next to its code. */
    public static final int MAX_REASON_BYTES = FrameReader.MAX_CONTROL_PAYLOAD - 2;

    private CloseFrames() {}

    /**
     * {@return the close a payload stands for}
     *
     * @param offset the stream offset after the frame, for errors
     * @param state the reader state, for errors
     * @throws WebSocketProtocolException 1002 for a 1-byte payload or a code not allowed on the
     *     wire, 1007 for a reason that is not UTF-8
     */
    static Incoming.Close parse(byte[] payload, long offset, String state)
            throws WebSocketProtocolException {
        if (payload.length == 0) {
            return new Incoming.Close(CloseCodes.NO_STATUS_RECEIVED, "");
        }
        if (payload.length == 1) {
            throw new WebSocketProtocolException("close frame with a 1-byte payload",
                    CloseCodes.PROTOCOL_ERROR, offset, state);
        }
        int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new WebSocketProtocolException("close code " + code + " not allowed on the wire",
                    CloseCodes.PROTOCOL_ERROR, offset, state);
        }
        if (!Utf8Validator.isValid(payload, 2, payload.length - 2)) {
            throw new WebSocketProtocolException("close reason is not valid UTF-8",
                    CloseCodes.INVALID_PAYLOAD, offset, state);
        }
        return new Incoming.Close(code,
                new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /**
     * {@return the payload of a close frame with {@code code} and {@code reason}; empty for
     * {@link CloseCodes#NO_STATUS_RECEIVED}, which stands for "no code"}
     *
     * @throws IllegalArgumentException for a code not allowed on the wire, a reason with a code
     *     of 1005, or a reason longer than {@value #MAX_REASON_BYTES} bytes in UTF-8
     */
    public static byte[] encode(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (code == CloseCodes.NO_STATUS_RECEIVED) {
            if (text.length > 0) {
                throw new IllegalArgumentException("a close reason needs a close code");
            }
            return new byte[0];
        }
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code not allowed on the wire: " + code);
        }
        if (text.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason longer than " + MAX_REASON_BYTES
                    + " bytes in UTF-8: " + text.length);
        }
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }
}
