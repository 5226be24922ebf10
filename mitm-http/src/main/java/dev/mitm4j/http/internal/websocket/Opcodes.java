package dev.mitm4j.http.internal.websocket;

/**
 * The frame opcodes of RFC 6455 §5.2, as the {@code int}s that {@code WebSocketData.Message} and
 * flow files use. Every other value (0x3-0x7, 0xB-0xF) is reserved and refused on read.
 */
public final class Opcodes {
    /** A continuation frame of a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** The first frame of a text message (UTF-8). */
    public static final int TEXT = 0x1;
    /** The first frame of a binary message. */
    public static final int BINARY = 0x2;
    /** A close frame: optional code and UTF-8 reason. */
    public static final int CLOSE = 0x8;
    /** A ping: the peer answers with a pong carrying the same payload. */
    public static final int PING = 0x9;
    /** A pong: the answer to a ping, or an unsolicited heartbeat. */
    public static final int PONG = 0xA;

    private Opcodes() {}

    /** {@return whether {@code opcode} is one of the six defined opcodes} */
    public static boolean isDefined(int opcode) {
        return opcode == CONTINUATION || opcode == TEXT || opcode == BINARY || isControl(opcode);
    }

    /** {@return whether {@code opcode} is a defined control opcode (close, ping, pong)} */
    public static boolean isControl(int opcode) {
        return opcode == CLOSE || opcode == PING || opcode == PONG;
    }

    /** {@return whether {@code opcode} starts a data message (text or binary)} */
    public static boolean isData(int opcode) {
        return opcode == TEXT || opcode == BINARY;
    }

    /** {@return the opcode's name for messages: "text", "ping", or "0x3" when reserved} */
    public static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "0x" + Integer.toHexString(opcode);
        };
    }
}
