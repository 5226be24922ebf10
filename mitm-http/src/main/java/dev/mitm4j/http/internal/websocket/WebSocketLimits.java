package dev.mitm4j.http.internal.websocket;

/**
 * Limits of a {@link MessageReader}, and the size above which it streams a message instead of
 * buffering it. Sizes are payload bytes: a frame's as announced in its header (compressed, when
 * permessage-deflate is on), a message's after decompression.
 *
 * <table>
 *   <caption>Defaults, and the proxy options proposed for them</caption>
 *   <tr><th>limit</th><th>default</th><th>option</th><th>when exceeded</th></tr>
 *   <tr><td>{@link #maxFrameSize}</td><td>64 MiB</td><td>{@code websocket_frame_size_limit}</td>
 *       <td>close 1009, refused at the frame header before any payload is read</td></tr>
 *   <tr><td>{@link #maxMessageSize}</td><td>64 MiB</td>
 *       <td>{@code websocket_message_size_limit}</td>
 *       <td>close 1009 as soon as the decoded size passes it, buffered or streamed: this is also
 *       the inflate-bomb bound</td></tr>
 *   <tr><td>{@link #streamLargeMessages}</td><td>16 MiB</td>
 *       <td>{@code websocket_stream_large_messages}</td>
 *       <td>not an error: the message is delivered in chunks of at most
 *       {@link MessageReader#CHUNK_SIZE} bytes instead of whole</td></tr>
 * </table>
 *
 * <p>Why these defaults: the JDK client and browsers send a message as one frame, so the frame
 * limit equals the message limit; 64 MiB passes every message real applications send while a
 * length of 2^62 is refused before a byte is read. At most {@code streamLargeMessages} bytes of a
 * message are held in memory per direction (plus DEFLATE's 32 KiB window), so a 64 MiB message
 * streams through in bounded memory.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param maxFrameSize the largest frame payload accepted, in bytes
 * @param maxMessageSize the largest decoded message accepted, in bytes
 * @param streamLargeMessages the largest message delivered whole; larger ones are streamed
 */
public record WebSocketLimits(long maxFrameSize, long maxMessageSize, int streamLargeMessages) {
    /** 64 MiB. */
    public static final long DEFAULT_MAX_FRAME_SIZE = 64L * 1024 * 1024;
    /** 64 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L * 1024 * 1024;
    /** 16 MiB. */
    public static final int DEFAULT_STREAM_LARGE_MESSAGES = 16 * 1024 * 1024;
    /** The largest array the JVM reliably allocates: a whole message never exceeds it. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final WebSocketLimits DEFAULTS = builder().build();

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException naming the first limit out of range
     */
    public WebSocketLimits {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be > 0: " + maxFrameSize);
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be > 0: " + maxMessageSize);
        }
        if (streamLargeMessages < 0 || streamLargeMessages > MAX_ARRAY) {
            throw new IllegalArgumentException(
                    "streamLargeMessages must be in 0.." + MAX_ARRAY + ": " + streamLargeMessages);
        }
    }

    /** {@return the defaults listed in the class documentation} */
    public static WebSocketLimits defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these limits} */
    public Builder toBuilder() {
        return new Builder().maxFrameSize(maxFrameSize).maxMessageSize(maxMessageSize)
                .streamLargeMessages(streamLargeMessages);
    }

    /**
     * A mutable builder of {@link WebSocketLimits}. Each setter modifies the builder and returns
     * it; {@link #build()} validates. Not thread-safe.
     */
    public static final class Builder {
        private long maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int streamLargeMessages = DEFAULT_STREAM_LARGE_MESSAGES;

        private Builder() {}

        /** Sets the largest frame payload accepted. */
        public Builder maxFrameSize(long bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        /** Sets the largest decoded message accepted, buffered or streamed. */
        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        /** Sets the largest message delivered whole; 0 streams every message. */
        public Builder streamLargeMessages(int bytes) {
            this.streamLargeMessages = bytes;
            return this;
        }

        /** {@return the limits} */
        public WebSocketLimits build() {
            return new WebSocketLimits(maxFrameSize, maxMessageSize, streamLargeMessages);
        }
    }
}
