package dev.mitm4j.http;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket part of an {@link HttpFlow} whose handshake upgraded the connection, as mitmproxy
 * records it ({@code flow.websocket}): the messages, who closed, close code and reason. Read from
 * and written to flow files; the filter's {@code ~websocket} matches flows that have it and
 * {@code ~b}, {@code ~bq}, {@code ~bs} search its messages. Immutable; a proxy that relays more
 * messages sets a new value on the flow.
 *
 * @param messages the messages in order
 * @param closedByClient whether the client closed the connection, null if unknown or open
 * @param closeCode the close code, null if none
 * @param closeReason the close reason, null if none
 * @param timestampEnd when the WebSocket connection ended, null if unknown
 */
public record WebSocketData(List<Message> messages, @Nullable Boolean closedByClient,
        @Nullable Long closeCode, @Nullable String closeReason, @Nullable Instant timestampEnd) {
    /** Copies the message list. */
    public WebSocketData {
        messages = List.copyOf(messages);
    }

    /**
     * One WebSocket message.
     *
     * @param opcode the frame opcode: 1 text, 2 binary (0x8-0xA are control frames)
     * @param fromClient whether the client sent it
     * @param content the payload (not copied)
     * @param timestamp when it was received
     * @param dropped whether an addon dropped it
     * @param injected whether an addon injected it
     */
    public record Message(int opcode, boolean fromClient, byte[] content, Instant timestamp,
            boolean dropped, boolean injected) {
        /** Checks for nulls. */
        public Message {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Message m && m.opcode == opcode && m.fromClient == fromClient
                    && Arrays.equals(m.content, content) && m.timestamp.equals(timestamp)
                    && m.dropped == dropped && m.injected == injected;
        }

        @Override
        public int hashCode() {
            return Objects.hash(opcode, fromClient, Arrays.hashCode(content), timestamp);
        }

        @Override
        public String toString() {
            return "WebSocketMessage(" + opcode + ", " + (fromClient ? "client" : "server")
                    + ", " + content.length + "b)";
        }
    }
}
