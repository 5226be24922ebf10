package dev.mitm4j.replay;

import dev.mitm4j.http.HttpFlow;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket part of an HTTP flow as mitmproxy's flow files store it ({@code websocket}:
 * messages, who closed, close code and reason). The HTTP model has no WebSocket type yet, so
 * {@link FlowReader} keeps this data in the flow's metadata under {@link #METADATA_KEY} and
 * {@link FlowWriter} writes it back as the flow's {@code websocket} field (not as metadata), so
 * that WebSocket flows survive a read-write round trip. Immutable.
 *
 * @param messages the messages in order
 * @param closedByClient whether the client closed the connection, null if unknown or open
 * @param closeCode the close code, null if none
 * @param closeReason the close reason, null if none
 * @param timestampEnd when the WebSocket connection ended, null if unknown
 */
public record WebSocketData(List<Message> messages, @Nullable Boolean closedByClient,
        @Nullable Long closeCode, @Nullable String closeReason, @Nullable Instant timestampEnd) {
    /** The metadata key under which a flow carries its WebSocket data: {@value}. */
    public static final String METADATA_KEY = "mitm4j.websocket";

    /** Copies the message list. */
    public WebSocketData {
        messages = List.copyOf(messages);
    }

    /** {@return the WebSocket data of {@code flow}, or null when it has none} */
    public static @Nullable WebSocketData of(HttpFlow flow) {
        return flow.metadata().get(METADATA_KEY) instanceof WebSocketData d ? d : null;
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
