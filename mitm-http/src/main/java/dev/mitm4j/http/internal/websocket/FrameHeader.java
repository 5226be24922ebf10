package dev.mitm4j.http.internal.websocket;

/**
 * The header of one frame as read from the wire (RFC 6455 §5.2). The payload follows it and is
 * read separately, so a large frame never has to be held whole.
 *
 * @param fin whether this is the final frame of its message (always true for control frames)
 * @param rsv1 the first reserved bit: "compressed" on the first frame of a permessage-deflate
 *     message
 * @param opcode one of {@link Opcodes}
 * @param masked whether the payload is masked (frames from a client)
 * @param maskKey the masking key as a big-endian int, 0 when not masked
 * @param length the payload length in bytes
 * @param offset the stream offset of the frame's first byte
 */
public record FrameHeader(boolean fin, boolean rsv1, int opcode, boolean masked, int maskKey,
        long length, long offset) {
    /** {@return whether this is a control frame (close, ping, pong)} */
    public boolean isControl() {
        return Opcodes.isControl(opcode);
    }

    @Override
    public String toString() {
        return "FrameHeader(" + Opcodes.name(opcode) + (fin ? ", fin" : "") + (rsv1 ? ", rsv1" : "")
                + (masked ? ", masked" : "") + ", " + length + "b at " + offset + ")";
    }
}
