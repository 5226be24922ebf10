package dev.mitm4j.http.internal.http2;

import static dev.mitm4j.http.internal.http2.Http2ErrorCode.ENHANCE_YOUR_CALM;
import static dev.mitm4j.http.internal.http2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static dev.mitm4j.http.internal.http2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static dev.mitm4j.http.internal.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.mitm4j.http.internal.http2.Http2Frame.FLAG_ACK;
import static dev.mitm4j.http.internal.http2.Http2Frame.FLAG_END_HEADERS;
import static dev.mitm4j.http.internal.http2.Http2Frame.FLAG_END_STREAM;
import static dev.mitm4j.http.internal.http2.Http2Frame.FLAG_PADDED;
import static dev.mitm4j.http.internal.http2.Http2Frame.FLAG_PRIORITY;

import dev.mitm4j.http.internal.http2.Http2Frame.DataFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.GoAwayFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.HeadersFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.PingFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.Priority;
import dev.mitm4j.http.internal.http2.Http2Frame.PriorityFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.PushPromiseFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.RstStreamFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.SettingsFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.UnknownFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.WindowUpdateFrame;
import java.io.EOFException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/2 frames (RFC 9113 sections 4 and 6) from one direction of a connection, checking
 * everything a frame can get wrong on its own: its size against {@code maxFrameSize}, the stream
 * id its type requires, fixed payload lengths, padding, settings values, and CONTINUATION
 * sequencing. Rules that need the connection's state (stream states, flow control, whether the
 * first frame is SETTINGS) are the connection's.
 *
 * <p>Lifecycle, enforced by {@link State}:
 * <ol>
 *   <li>Optionally {@link #readClientPreface()} (a server reading a client).
 *   <li>{@link #readFrame()} until it returns null (the input ended cleanly between frames) or
 *       throws.
 * </ol>
 *
 * <p>Errors: a connection error is an {@link Http2ConnectionException} carrying the offset of the
 * offending frame, after which the reader is CLOSED. A PRIORITY frame of the wrong length is a
 * stream error ({@link Http2StreamException}, section 6.3) and leaves the reader usable: the frame
 * was consumed. An input that ends inside a frame raises {@link EOFException}. Not thread-safe:
 * one thread reads a connection.
 */
public final class FrameReader {
    /** The 24 bytes a client sends first (section 3.4). */
    public static final ByteString CLIENT_PREFACE =
            ByteString.encodeUtf8("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    /** Bytes of a frame header. */
    public static final int FRAME_HEADER_LENGTH = 9;

    /** Where the reader is. */
    public enum State {
        /** Before the client preface (server side only). */
        PREFACE,
        /** Between frames. */
        FRAME_HEADER,
        /** Reading a payload. */
        PAYLOAD,
        /** Inside a field block, expecting CONTINUATION. */
        CONTINUATION,
        /** Unusable after an error or the end of input. */
        CLOSED
    }

    private final BufferedSource source;
    private final int maxFrameSize;
    private final int maxFieldBlock;
    private final int maxContinuations;
    private State state = State.FRAME_HEADER;
    private long offset;
    private long frameOffset;

    /**
     * @param source the connection's input
     * @param maxFrameSize the SETTINGS_MAX_FRAME_SIZE this endpoint advertises
     * @param maxFieldBlock the most bytes of one encoded field block, HEADERS and CONTINUATION
     *     together; a larger block is a connection error (ENHANCE_YOUR_CALM), since it cannot be
     *     decoded to keep the HPACK context
     */
    public FrameReader(BufferedSource source, int maxFrameSize, int maxFieldBlock) {
        this(source, maxFrameSize, maxFieldBlock, Integer.MAX_VALUE);
    }

    /**
     * @param source the connection's input
     * @param maxFrameSize the SETTINGS_MAX_FRAME_SIZE this endpoint advertises
     * @param maxFieldBlock the most bytes of one encoded field block (see above)
     * @param maxContinuations the most CONTINUATION frames after one HEADERS or PUSH_PROMISE; more
     *     are a connection error (ENHANCE_YOUR_CALM), since empty ones would bypass {@code
     *     maxFieldBlock}
     */
    public FrameReader(BufferedSource source, int maxFrameSize, int maxFieldBlock,
            int maxContinuations) {
        this.source = source;
        this.maxFrameSize = maxFrameSize;
        this.maxFieldBlock = maxFieldBlock;
        this.maxContinuations = maxContinuations;
    }

    /** {@return bytes consumed so far} */
    public long offset() {
        return offset;
    }

    /** {@return the current state} */
    public State state() {
        return state;
    }

    /**
     * Reads and checks the client connection preface.
     *
     * @throws Http2ConnectionException (PROTOCOL_ERROR) when the first 24 bytes differ
     * @throws EOFException when the input ends first
     */
    public void readClientPreface() throws IOException {
        checkState(State.FRAME_HEADER);
        state = State.PREFACE;
        ByteString got = source.readByteString(CLIENT_PREFACE.size());
        if (!got.equals(CLIENT_PREFACE)) {
            int at = 0;
            while (got.getByte(at) == CLIENT_PREFACE.getByte(at)) {
                at++;
            }
            throw fail(PROTOCOL_ERROR, "not the HTTP/2 client preface", at);
        }
        offset += got.size();
        state = State.FRAME_HEADER;
    }

    /**
     * {@return the next frame, or null when the input ended cleanly before a frame header}
     *
     * @throws Http2ConnectionException on a connection error
     * @throws Http2StreamException on a PRIORITY frame of the wrong length (the reader goes on)
     * @throws EOFException when the input ends inside a frame
     */
    public @Nullable Http2Frame readFrame() throws IOException {
        checkState(State.FRAME_HEADER);
        if (!source.request(1)) {
            state = State.CLOSED;
            return null;
        }
        try {
            FrameHeader h = readHeader();
            return switch (h.type) {
                case Http2Frame.TYPE_DATA -> data(h);
                case Http2Frame.TYPE_HEADERS -> headers(h);
                case Http2Frame.TYPE_PRIORITY -> priority(h);
                case Http2Frame.TYPE_RST_STREAM -> rstStream(h);
                case Http2Frame.TYPE_SETTINGS -> settings(h);
                case Http2Frame.TYPE_PUSH_PROMISE -> pushPromise(h);
                case Http2Frame.TYPE_PING -> ping(h);
                case Http2Frame.TYPE_GOAWAY -> goAway(h);
                case Http2Frame.TYPE_WINDOW_UPDATE -> windowUpdate(h);
                case Http2Frame.TYPE_CONTINUATION ->
                        throw fail(PROTOCOL_ERROR, "CONTINUATION without a field block", 0);
                default -> unknown(h);
            };
        } catch (Http2ConnectionException | EOFException e) {
            state = State.CLOSED;
            throw e;
        } catch (Http2StreamException e) {
            state = State.FRAME_HEADER;
            throw e;
        }
    }

    /** A frame header: payload length, type, flags, stream id (reserved bit cleared). */
    private record FrameHeader(int length, int type, int flags, int streamId) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    private FrameHeader readHeader() throws IOException {
        frameOffset = offset;
        source.require(FRAME_HEADER_LENGTH);
        int length = (source.readByte() & 0xff) << 16 | (source.readShort() & 0xffff);
        int type = source.readByte() & 0xff;
        int flags = source.readByte() & 0xff;
        int streamId = source.readInt() & 0x7fff_ffff;
        offset += FRAME_HEADER_LENGTH;
        state = State.PAYLOAD;
        if (length > maxFrameSize) {
            throw fail(FRAME_SIZE_ERROR, Http2Frame.typeName(type) + " of " + length
                    + " bytes exceeds SETTINGS_MAX_FRAME_SIZE " + maxFrameSize, 0);
        }
        return new FrameHeader(length, type, flags, streamId);
    }

    private DataFrame data(FrameHeader h) throws IOException {
        requireStream(h);
        int padding = padding(h, 0);
        Buffer data = new Buffer();
        int dataLength = h.length - padding;
        source.readFully(data, dataLength);
        skipPadding(h, padding);
        offset += dataLength;
        state = State.FRAME_HEADER;
        return new DataFrame(h.streamId, h.has(FLAG_END_STREAM), data, h.length);
    }

    private HeadersFrame headers(FrameHeader h) throws IOException {
        requireStream(h);
        int fixed = h.has(FLAG_PRIORITY) ? 5 : 0;
        int padding = padding(h, fixed);
        @Nullable Priority priority = null;
        if (h.has(FLAG_PRIORITY)) {
            priority = readPriority();
        }
        int fragment = h.length - padding - fixed;
        ByteString block = fieldBlock(h, fragment, padding);
        return new HeadersFrame(h.streamId, h.has(FLAG_END_STREAM), block, priority);
    }

    private PushPromiseFrame pushPromise(FrameHeader h) throws IOException {
        requireStream(h);
        int padding = padding(h, 4);
        int promised = source.readInt() & 0x7fff_ffff;
        offset += 4;
        ByteString block = fieldBlock(h, h.length - padding - 4, padding);
        return new PushPromiseFrame(h.streamId, promised, block);
    }

    /**
     * Reads a fragment, its padding, and the CONTINUATION frames that follow until END_HEADERS,
     * refusing anything else in between (section 6.10) and blocks beyond {@code maxFieldBlock}.
     */
    private ByteString fieldBlock(FrameHeader first, int fragment, int padding)
            throws IOException {
        Buffer block = new Buffer();
        appendFragment(block, fragment);
        skipPadding(first, padding);
        boolean end = first.has(FLAG_END_HEADERS);
        for (int continuations = 1; !end; continuations++) {
            state = State.CONTINUATION;
            FrameHeader next = readHeader();
            if (next.type != Http2Frame.TYPE_CONTINUATION || next.streamId != first.streamId) {
                throw fail(PROTOCOL_ERROR, Http2Frame.typeName(next.type) + " on stream "
                        + next.streamId + " inside the field block of stream "
                        + first.streamId, 0);
            }
            if (continuations > maxContinuations) {
                throw fail(ENHANCE_YOUR_CALM, "more than " + maxContinuations
                        + " CONTINUATION frames in the field block of stream " + first.streamId,
                        0);
            }
            appendFragment(block, next.length);
            end = next.has(FLAG_END_HEADERS);
        }
        state = State.FRAME_HEADER;
        return block.readByteString();
    }

    private void appendFragment(Buffer block, int length) throws IOException {
        if (block.size() + length > maxFieldBlock) {
            throw fail(ENHANCE_YOUR_CALM, "field block larger than " + maxFieldBlock + " bytes",
                    0);
        }
        source.readFully(block, length);
        offset += length;
    }

    private PriorityFrame priority(FrameHeader h) throws IOException {
        requireStream(h);
        if (h.length != 5) {
            source.skip(h.length);
            offset += h.length;
            throw new Http2StreamException(h.streamId, FRAME_SIZE_ERROR,
                    "PRIORITY of " + h.length + " bytes at offset " + frameOffset);
        }
        Priority priority = readPriority();
        state = State.FRAME_HEADER;
        return new PriorityFrame(h.streamId, priority);
    }

    private Priority readPriority() throws IOException {
        int word = source.readInt();
        int weight = (source.readByte() & 0xff) + 1;
        offset += 5;
        return new Priority(word & 0x7fff_ffff, word < 0, weight);
    }

    private RstStreamFrame rstStream(FrameHeader h) throws IOException {
        requireStream(h);
        requireLength(h, 4);
        int code = source.readInt();
        offset += 4;
        state = State.FRAME_HEADER;
        return new RstStreamFrame(h.streamId, code);
    }

    private SettingsFrame settings(FrameHeader h) throws IOException {
        requireConnection(h);
        if (h.has(FLAG_ACK)) {
            requireLength(h, 0);
            state = State.FRAME_HEADER;
            return new SettingsFrame(true, Http2Settings.empty());
        }
        if (h.length % 6 != 0) {
            throw fail(FRAME_SIZE_ERROR, "SETTINGS of " + h.length + " bytes, not a multiple of 6",
                    0);
        }
        Http2Settings settings = Http2Settings.empty();
        for (int i = 0; i < h.length; i += 6) {
            int id = source.readShort() & 0xffff;
            long value = source.readInt() & 0xffff_ffffL;
            offset += 6;
            if (!Http2Settings.known(id)) {
                continue; // section 6.5.2: unknown settings are ignored
            }
            @Nullable String problem = Http2Settings.problem(id, value);
            if (problem != null) {
                throw fail(id == Http2Settings.INITIAL_WINDOW_SIZE
                        ? FLOW_CONTROL_ERROR : PROTOCOL_ERROR, problem, -6);
            }
            settings = settings.with(id, value);
        }
        state = State.FRAME_HEADER;
        return new SettingsFrame(false, settings);
    }

    private PingFrame ping(FrameHeader h) throws IOException {
        requireConnection(h);
        requireLength(h, 8);
        long payload = source.readLong();
        offset += 8;
        state = State.FRAME_HEADER;
        return new PingFrame(h.has(FLAG_ACK), payload);
    }

    private GoAwayFrame goAway(FrameHeader h) throws IOException {
        requireConnection(h);
        if (h.length < 8) {
            throw fail(FRAME_SIZE_ERROR, "GOAWAY of " + h.length + " bytes", 0);
        }
        int last = source.readInt() & 0x7fff_ffff;
        int code = source.readInt();
        ByteString debug = source.readByteString(h.length - 8);
        offset += h.length;
        state = State.FRAME_HEADER;
        return new GoAwayFrame(last, code, debug);
    }

    private WindowUpdateFrame windowUpdate(FrameHeader h) throws IOException {
        requireLength(h, 4);
        int increment = source.readInt() & 0x7fff_ffff;
        offset += 4;
        state = State.FRAME_HEADER;
        return new WindowUpdateFrame(h.streamId, increment);
    }

    private UnknownFrame unknown(FrameHeader h) throws IOException {
        source.skip(h.length); // section 4.1: frames of unknown types are ignored
        offset += h.length;
        state = State.FRAME_HEADER;
        return new UnknownFrame(h.type, h.flags, h.streamId, h.length);
    }

    /** Reads the pad length of a PADDED frame and checks it fits after {@code fixed} bytes. */
    private int padding(FrameHeader h, int fixed) throws IOException {
        if (!h.has(FLAG_PADDED)) {
            if (h.length < fixed) {
                throw fail(FRAME_SIZE_ERROR, Http2Frame.typeName(h.type) + " of " + h.length
                        + " bytes", 0);
            }
            return 0;
        }
        if (h.length < 1 + fixed) {
            throw fail(FRAME_SIZE_ERROR, "padded " + Http2Frame.typeName(h.type) + " of "
                    + h.length + " bytes", 0);
        }
        int padLength = source.readByte() & 0xff;
        offset += 1;
        if (padLength >= h.length - fixed) {
            throw fail(PROTOCOL_ERROR, "pad length " + padLength + " not below the payload of "
                    + Http2Frame.typeName(h.type), 0);
        }
        return padLength + 1;
    }

    private void skipPadding(FrameHeader h, int padding) throws IOException {
        if (h.has(FLAG_PADDED)) {
            source.skip(padding - 1); // the pad length byte was already read
            offset += padding - 1;
        }
    }

    private void requireStream(FrameHeader h) throws Http2ConnectionException {
        if (h.streamId == 0) {
            throw fail(PROTOCOL_ERROR, Http2Frame.typeName(h.type) + " on stream 0", 0);
        }
    }

    private void requireConnection(FrameHeader h) throws Http2ConnectionException {
        if (h.streamId != 0) {
            throw fail(PROTOCOL_ERROR, Http2Frame.typeName(h.type) + " on stream " + h.streamId,
                    0);
        }
    }

    private void requireLength(FrameHeader h, int length) throws Http2ConnectionException {
        if (h.length != length) {
            throw fail(FRAME_SIZE_ERROR, Http2Frame.typeName(h.type) + " of " + h.length
                    + " bytes, not " + length, 0);
        }
    }

    /** A connection error at {@code delta} bytes from the current frame's start (or offset). */
    private Http2ConnectionException fail(Http2ErrorCode code, String problem, long delta) {
        state = State.CLOSED;
        long at = delta < 0 ? offset + delta : frameOffset + delta;
        return new Http2ConnectionException(code, problem, at);
    }

    private void checkState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("state: " + state);
        }
    }
}
