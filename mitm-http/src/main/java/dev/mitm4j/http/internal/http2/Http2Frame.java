package dev.mitm4j.http.internal.http2;

import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 frame as {@link FrameReader} returns it (RFC 9113 section 6). A HEADERS or
 * PUSH_PROMISE frame comes with its CONTINUATION frames already joined: {@link HeadersFrame#block}
 * is the whole field block, still HPACK-encoded; CONTINUATION frames are never returned alone.
 * Padding is removed but counted in {@link DataFrame#flowLength} as flow control requires.
 *
 * <p>Records are immutable except the {@link Buffer} of a {@link DataFrame}, which belongs to
 * whoever received the frame.
 */
public sealed interface Http2Frame {
    /** Frame type codes (section 6). */
    int TYPE_DATA = 0x0;
    /** HEADERS. */
    int TYPE_HEADERS = 0x1;
    /** PRIORITY (deprecated by RFC 9113, still parsed). */
    int TYPE_PRIORITY = 0x2;
    /** RST_STREAM. */
    int TYPE_RST_STREAM = 0x3;
    /** SETTINGS. */
    int TYPE_SETTINGS = 0x4;
    /** PUSH_PROMISE. */
    int TYPE_PUSH_PROMISE = 0x5;
    /** PING. */
    int TYPE_PING = 0x6;
    /** GOAWAY. */
    int TYPE_GOAWAY = 0x7;
    /** WINDOW_UPDATE. */
    int TYPE_WINDOW_UPDATE = 0x8;
    /** CONTINUATION. */
    int TYPE_CONTINUATION = 0x9;

    /** END_STREAM on DATA and HEADERS. */
    int FLAG_END_STREAM = 0x1;
    /** ACK on SETTINGS and PING. */
    int FLAG_ACK = 0x1;
    /** END_HEADERS on HEADERS, PUSH_PROMISE and CONTINUATION. */
    int FLAG_END_HEADERS = 0x4;
    /** PADDED on DATA, HEADERS and PUSH_PROMISE. */
    int FLAG_PADDED = 0x8;
    /** PRIORITY on HEADERS. */
    int FLAG_PRIORITY = 0x20;

    /** {@return the stream the frame belongs to; 0 for the connection} */
    int streamId();

    /** {@return the name of a frame type, or its number in hex when unknown} */
    static String typeName(int type) {
        return switch (type) {
            case TYPE_DATA -> "DATA";
            case TYPE_HEADERS -> "HEADERS";
            case TYPE_PRIORITY -> "PRIORITY";
            case TYPE_RST_STREAM -> "RST_STREAM";
            case TYPE_SETTINGS -> "SETTINGS";
            case TYPE_PUSH_PROMISE -> "PUSH_PROMISE";
            case TYPE_PING -> "PING";
            case TYPE_GOAWAY -> "GOAWAY";
            case TYPE_WINDOW_UPDATE -> "WINDOW_UPDATE";
            case TYPE_CONTINUATION -> "CONTINUATION";
            default -> "0x" + Integer.toHexString(type);
        };
    }

    /**
     * DATA: body bytes of a stream.
     *
     * @param data the bytes without padding
     * @param flowLength the whole payload length (data, padding, pad length), which counts against
     *     the flow-control windows
     */
    record DataFrame(int streamId, boolean endStream, Buffer data, int flowLength)
            implements Http2Frame {}

    /**
     * The dependency of a HEADERS or PRIORITY frame. RFC 9113 deprecates priorities: they are
     * parsed, checked for self-dependency, and otherwise ignored.
     */
    record Priority(int dependency, boolean exclusive, int weight) {}

    /**
     * HEADERS and its CONTINUATION frames.
     *
     * @param block the whole HPACK-encoded field block, padding removed
     * @param priority the PRIORITY flag's fields, or null
     */
    record HeadersFrame(int streamId, boolean endStream, ByteString block,
            @Nullable Priority priority) implements Http2Frame {}

    /** PRIORITY. */
    record PriorityFrame(int streamId, Priority priority) implements Http2Frame {}

    /** RST_STREAM with its 32-bit error code (possibly one not in {@link Http2ErrorCode}). */
    record RstStreamFrame(int streamId, int errorCode) implements Http2Frame {}

    /** SETTINGS; an ACK has no settings. */
    record SettingsFrame(boolean ack, Http2Settings settings) implements Http2Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** PUSH_PROMISE and its CONTINUATION frames. */
    record PushPromiseFrame(int streamId, int promisedStreamId, ByteString block)
            implements Http2Frame {}

    /** PING with its 8 opaque bytes. */
    record PingFrame(boolean ack, long payload) implements Http2Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** GOAWAY. */
    record GoAwayFrame(int lastStreamId, int errorCode, ByteString debugData)
            implements Http2Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** WINDOW_UPDATE; an increment of 0 is returned as read, for the connection to refuse. */
    record WindowUpdateFrame(int streamId, int increment) implements Http2Frame {}

    /** A frame of a type this implementation does not know; its payload was skipped. */
    record UnknownFrame(int type, int flags, int streamId, int length) implements Http2Frame {}
}
