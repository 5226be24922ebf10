package dev.mitm4j.http;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One chunk of a raw TCP stream as the proxy read it. Equality compares content by value.
 *
 * @param fromClient whether the client sent it
 * @param content the bytes (not copied: do not mutate after handing it over)
 * @param timestamp when it was read
 */
public record TcpMessage(boolean fromClient, byte[] content, Instant timestamp) {
    /** Checks for nulls. */
    public TcpMessage {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TcpMessage m && m.fromClient == fromClient
                && Arrays.equals(m.content, content) && m.timestamp.equals(timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromClient, Arrays.hashCode(content), timestamp);
    }

    @Override
    public String toString() {
        return "TcpMessage(" + (fromClient ? "client" : "server") + ", " + content.length + "b)";
    }
}
