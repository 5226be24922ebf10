package dev.mitm4j.http.internal.websocket;

import java.nio.charset.StandardCharsets;

/**
 * What {@link MessageReader#next()} returns, in wire order: whole data messages, chunks of a
 * streamed message, and control frames (which may arrive between the chunks of a message, as
 * RFC 6455 §5.4 allows). Payload arrays belong to the caller; they are not copied again.
 */
public sealed interface Incoming {
    /**
     * A whole text or binary message: reassembled from its fragments and decompressed; text is
     * valid UTF-8.
     *
     * @param opcode {@link Opcodes#TEXT} or {@link Opcodes#BINARY}
     * @param payload the decoded content
     */
    record Message(int opcode, byte[] payload) implements Incoming {
        /** {@return the payload decoded as UTF-8 (text messages are valid UTF-8)} */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Message(" + Opcodes.name(opcode) + ", " + payload.length + "b)";
        }
    }

    /**
     * A piece of a message too large to buffer, in order. The first chunk carries what was
     * buffered before the message passed {@link WebSocketLimits#streamLargeMessages()}; the others
     * at most {@link MessageReader#CHUNK_SIZE} bytes; the last may be empty. A chunk of a text
     * message may end inside a UTF-8 sequence (the message as a whole is checked).
     *
     * @param opcode {@link Opcodes#TEXT} or {@link Opcodes#BINARY}, the message's type
     * @param data the decoded bytes of this piece
     * @param first whether this is the message's first chunk
     * @param last whether this is its last chunk
     */
    record Chunk(int opcode, byte[] data, boolean first, boolean last) implements Incoming {
        @Override
        public String toString() {
            return "Chunk(" + Opcodes.name(opcode) + ", " + data.length + "b"
                    + (first ? ", first" : "") + (last ? ", last" : "") + ")";
        }
    }

    /** A ping; its peer answers with a pong carrying the same payload (at most 125 bytes). */
    record Ping(byte[] payload) implements Incoming {
        @Override
        public String toString() {
            return "Ping(" + payload.length + "b)";
        }
    }

    /** A pong (at most 125 bytes of payload). */
    record Pong(byte[] payload) implements Incoming {
        @Override
        public String toString() {
            return "Pong(" + payload.length + "b)";
        }
    }

    /**
     * A close frame; the reader reads nothing after it.
     *
     * @param code a code valid on the wire, or {@link CloseCodes#NO_STATUS_RECEIVED} when the frame
     *     had no payload
     * @param reason the UTF-8 reason, empty when there was none
     */
    record Close(int code, String reason) implements Incoming {
        /** {@return whether the frame carried a code} */
        public boolean hasCode() {
            return code != CloseCodes.NO_STATUS_RECEIVED;
        }
    }
}
