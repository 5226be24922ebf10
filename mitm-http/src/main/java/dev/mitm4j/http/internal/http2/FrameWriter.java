package dev.mitm4j.http.internal.http2;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;
import okio.ByteString;

/**
 * Writes HTTP/2 frames (RFC 9113 sections 4 and 6) to one direction of a connection. Field blocks
 * larger than the peer's frame size are split into HEADERS (or PUSH_PROMISE) and CONTINUATION
 * frames written back to back. Arguments are checked ({@link IllegalArgumentException}): a writer
 * never produces a frame the reader would refuse, except through {@link #rawFrame}, which exists
 * for tests and for frame types this implementation does not know.
 *
 * <p>Nothing is flushed unless {@link #flush()} is called. Not thread-safe: the connection
 * serialises writers behind one lock, which also keeps HPACK blocks in wire order.
 */
public final class FrameWriter {
    private final BufferedSink sink;

    /** Creates a writer onto the connection's output. */
    public FrameWriter(BufferedSink sink) {
        this.sink = sink;
    }

    /** Writes the client connection preface (section 3.4); a client's first bytes. */
    public void clientPreface() throws IOException {
        sink.write(FrameReader.CLIENT_PREFACE);
    }

    /**
     * Writes one DATA frame carrying {@code byteCount} bytes taken from {@code source}.
     *
     * @param padding 0 for an unpadded frame, else the pad length plus one (1..256)
     */
    public void data(int streamId, boolean endStream, Buffer source, int byteCount, int padding)
            throws IOException {
        requireStream(streamId);
        checkPadding(padding);
        int flags = endStream ? Http2Frame.FLAG_END_STREAM : 0;
        if (padding > 0) {
            flags |= Http2Frame.FLAG_PADDED;
        }
        header(byteCount + padding, Http2Frame.TYPE_DATA, flags, streamId);
        if (padding > 0) {
            sink.writeByte(padding - 1);
        }
        sink.write(source, byteCount);
        writeZeros(padding - 1);
    }

    /**
     * Writes a field block as one HEADERS frame and as many CONTINUATION frames as
     * {@code maxFrameSize} requires. The block is consumed.
     */
    public void headers(int streamId, boolean endStream, Buffer block, int maxFrameSize)
            throws IOException {
        requireStream(streamId);
        int flags = endStream ? Http2Frame.FLAG_END_STREAM : 0;
        int first = (int) Math.min(block.size(), maxFrameSize);
        boolean last = first == block.size();
        header(first, Http2Frame.TYPE_HEADERS, flags | (last ? Http2Frame.FLAG_END_HEADERS : 0),
                streamId);
        sink.write(block, first);
        continuations(streamId, block, maxFrameSize);
    }

    /** Writes a PUSH_PROMISE (only for tests: this implementation never pushes). */
    public void pushPromise(int streamId, int promisedStreamId, Buffer block, int maxFrameSize)
            throws IOException {
        requireStream(streamId);
        requireStream(promisedStreamId);
        int first = (int) Math.min(block.size(), maxFrameSize - 4);
        boolean last = first == block.size();
        header(first + 4, Http2Frame.TYPE_PUSH_PROMISE, last ? Http2Frame.FLAG_END_HEADERS : 0,
                streamId);
        sink.writeInt(promisedStreamId);
        sink.write(block, first);
        continuations(streamId, block, maxFrameSize);
    }

    private void continuations(int streamId, Buffer block, int maxFrameSize) throws IOException {
        while (block.size() > 0) {
            int length = (int) Math.min(block.size(), maxFrameSize);
            boolean last = length == block.size();
            header(length, Http2Frame.TYPE_CONTINUATION,
                    last ? Http2Frame.FLAG_END_HEADERS : 0, streamId);
            sink.write(block, length);
        }
    }

    /** Writes PRIORITY (never needed by this implementation; for tests and completeness). */
    public void priority(int streamId, int dependency, boolean exclusive, int weight)
            throws IOException {
        requireStream(streamId);
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("weight outside 1..256: " + weight);
        }
        header(5, Http2Frame.TYPE_PRIORITY, 0, streamId);
        sink.writeInt(dependency | (exclusive ? 0x8000_0000 : 0));
        sink.writeByte(weight - 1);
    }

    /** Writes RST_STREAM. */
    public void rstStream(int streamId, Http2ErrorCode code) throws IOException {
        requireStream(streamId);
        header(4, Http2Frame.TYPE_RST_STREAM, 0, streamId);
        sink.writeInt(code.code());
    }

    /** Writes SETTINGS with every setting present in {@code settings}, in ascending id order. */
    public void settings(Http2Settings settings) throws IOException {
        int[] ids = settings.ids();
        header(ids.length * 6, Http2Frame.TYPE_SETTINGS, 0, 0);
        for (int id : ids) {
            sink.writeShort(id);
            sink.writeInt((int) settings.value(id, 0));
        }
    }

    /** Writes an empty SETTINGS frame with ACK. */
    public void settingsAck() throws IOException {
        header(0, Http2Frame.TYPE_SETTINGS, Http2Frame.FLAG_ACK, 0);
    }

    /** Writes PING, or its acknowledgement carrying the same payload. */
    public void ping(boolean ack, long payload) throws IOException {
        header(8, Http2Frame.TYPE_PING, ack ? Http2Frame.FLAG_ACK : 0, 0);
        sink.writeLong(payload);
    }

    /** Writes GOAWAY. */
    public void goAway(int lastStreamId, Http2ErrorCode code, ByteString debugData)
            throws IOException {
        if (lastStreamId < 0) {
            throw new IllegalArgumentException("lastStreamId < 0: " + lastStreamId);
        }
        header(8 + debugData.size(), Http2Frame.TYPE_GOAWAY, 0, 0);
        sink.writeInt(lastStreamId);
        sink.writeInt(code.code());
        sink.write(debugData);
    }

    /** Writes WINDOW_UPDATE for a stream, or for the connection when {@code streamId} is 0. */
    public void windowUpdate(int streamId, int increment) throws IOException {
        if (increment < 1) {
            throw new IllegalArgumentException("increment < 1: " + increment);
        }
        header(4, Http2Frame.TYPE_WINDOW_UPDATE, 0, streamId);
        sink.writeInt(increment);
    }

    /** Writes any frame as given, unchecked: for tests of malformed input. */
    public void rawFrame(int type, int flags, int streamId, ByteString payload)
            throws IOException {
        header(payload.size(), type, flags, streamId);
        sink.write(payload);
    }

    /** Flushes everything written to the socket. */
    public void flush() throws IOException {
        sink.flush();
    }

    private void header(int length, int type, int flags, int streamId) throws IOException {
        if (length > Http2Settings.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("frame payload above 2^24-1: " + length);
        }
        sink.writeByte(length >>> 16);
        sink.writeShort(length & 0xffff);
        sink.writeByte(type);
        sink.writeByte(flags);
        sink.writeInt(streamId & 0x7fff_ffff);
    }

    private void writeZeros(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            sink.writeByte(0);
        }
    }

    private static void requireStream(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("stream id must be > 0: " + streamId);
        }
    }

    private static void checkPadding(int padding) {
        if (padding < 0 || padding > 256) {
            throw new IllegalArgumentException("padding outside 0..256: " + padding);
        }
    }
}
