package dev.mitm4j.http.internal.websocket;

import java.io.EOFException;
import java.io.IOException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads frames sent by one endpoint (RFC 6455 §5): a header, then its payload in pieces, unmasked.
 * Every rule that one frame can break is checked here; rules across frames (fragmentation, UTF-8,
 * decompression) belong to {@link MessageReader}.
 *
 * <p>Refused with close code 1002 (protocol error): a reserved opcode; RSV2 or RSV3 set; RSV1 set
 * when permessage-deflate was not negotiated, or on a control or continuation frame; an unmasked
 * frame from a client or a masked frame from a server; a control frame that is fragmented or
 * longer than 125 bytes; a 64-bit length with its most significant bit set. Refused with 1009: a
 * payload longer than {@link WebSocketLimits#maxFrameSize()}, before any of it is read. Lengths
 * need not be minimally encoded.
 *
 * <p>Lifecycle, enforced by {@link State} ({@link IllegalStateException} on misuse):
 * <ol>
 *   <li>{@link #readHeader()} (FRAME_HEADER to PAYLOAD, or straight back to FRAME_HEADER for an
 *       empty payload);
 *   <li>{@link #readPayload} until {@link #remaining()} is 0 (back to FRAME_HEADER).
 * </ol>
 * A protocol error, a stream that ends inside a frame ({@link EOFException}) or a clean end of
 * stream leaves it CLOSED. Not thread-safe: one thread reads a direction.
 */
public final class FrameReader {
    /** Where the reader is. */
    public enum State {
        /** Before a frame's first byte. */
        FRAME_HEADER,
        /** Inside a frame's payload. */
        PAYLOAD,
        /** The stream ended or was refused. */
        CLOSED
    }

    /** The longest payload of a control frame (RFC 6455 §5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private final BufferedSource source;
    private final Role sender;
    private final long maxFrameSize;
    private final boolean rsv1Allowed;
    private State state = State.FRAME_HEADER;
    private long offset;
    private @Nullable FrameHeader current;
    private long remaining;

    /**
     * @param source the bytes sent by {@code sender}
     * @param sender which endpoint sends them, deciding whether frames must be masked
     * @param maxFrameSize the largest payload accepted
     * @param rsv1Allowed whether permessage-deflate was negotiated, allowing RSV1 on data frames
     */
    public FrameReader(BufferedSource source, Role sender, long maxFrameSize, boolean rsv1Allowed) {
        this.source = source;
        this.sender = sender;
        this.maxFrameSize = maxFrameSize;
        this.rsv1Allowed = rsv1Allowed;
    }

    /**
     * {@return the next frame's header, or null when the stream ends cleanly before its first
     * byte}
     *
     * @throws WebSocketProtocolException when the header breaks a rule listed above
     * @throws EOFException when the stream ends inside the header
     */
    public @Nullable FrameHeader readHeader() throws IOException {
        checkState(State.FRAME_HEADER);
        if (!source.request(1)) {
            state = State.CLOSED;
            return null;
        }
        try {
            FrameHeader header = parseHeader();
            current = header;
            remaining = header.length();
            state = remaining > 0 ? State.PAYLOAD : State.FRAME_HEADER;
            return header;
        } catch (IOException e) {
            state = State.CLOSED;
            throw e;
        }
    }

    /**
     * Reads up to {@code len} bytes of the current frame's payload into {@code dst}, unmasked.
     *
     * @return the number of bytes read, at least 1
     * @throws EOFException when the stream ends inside the payload
     */
    public int readPayload(byte[] dst, int off, int len) throws IOException {
        checkState(State.PAYLOAD);
        FrameHeader header = current;
        int want = (int) Math.min(len, remaining);
        int read = source.read(dst, off, want);
        if (read < 0) {
            state = State.CLOSED;
            throw eof("frame payload", offset);
        }
        if (header.masked()) {
            Masking.apply(dst, off, read, header.maskKey(), header.length() - remaining);
        }
        remaining -= read;
        offset += read;
        if (remaining == 0) {
            state = State.FRAME_HEADER;
        }
        return read;
    }

    /**
     * {@return the rest of the current frame's payload, unmasked} For control frames (at most 125
     * bytes), and for data frames whose payload {@link #payloadBuffered() is buffered}.
     */
    public byte[] readRemainingPayload() throws IOException {
        byte[] payload = new byte[(int) remaining];
        for (int at = 0; at < payload.length; ) {
            at += readPayload(payload, at, payload.length - at);
        }
        return payload;
    }

    /** {@return whether the rest of the current frame's payload is already buffered} */
    public boolean payloadBuffered() {
        return source.getBuffer().size() >= remaining;
    }

    /** {@return the payload bytes of the current frame not read yet} */
    public long remaining() {
        return remaining;
    }

    /** {@return the number of bytes consumed from the source so far} */
    public long offset() {
        return offset;
    }

    /** {@return the current state} */
    public State state() {
        return state;
    }

    private FrameHeader parseHeader() throws IOException {
        long start = offset;
        need(2, start);
        int b0 = source.readByte() & 0xff;
        int b1 = source.readByte() & 0xff;
        boolean fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        int opcode = b0 & 0x0f;
        boolean masked = (b1 & 0x80) != 0;
        checkFirstByte(b0, opcode, rsv1, fin, start);
        if (masked != (sender == Role.CLIENT)) {
            throw error(masked ? "masked frame from a server" : "unmasked frame from a client",
                    CloseCodes.PROTOCOL_ERROR, start + 1);
        }
        long length = b1 & 0x7f;
        int headerSize = 2;
        if (Opcodes.isControl(opcode) && length > MAX_CONTROL_PAYLOAD) {
            throw error(Opcodes.name(opcode) + " frame longer than " + MAX_CONTROL_PAYLOAD
                    + " bytes", CloseCodes.PROTOCOL_ERROR, start + 1);
        }
        if (length == 126) {
            need(2, start);
            length = source.readShort() & 0xffff;
            headerSize += 2;
        } else if (length == 127) {
            need(8, start);
            length = source.readLong();
            headerSize += 8;
            if (length < 0) {
                throw error("64-bit payload length with its most significant bit set",
                        CloseCodes.PROTOCOL_ERROR, start + 2);
            }
        }
        if (length > maxFrameSize) {
            throw error("frame payload of " + length + " bytes exceeds the frame size limit of "
                    + maxFrameSize, CloseCodes.MESSAGE_TOO_BIG, start);
        }
        int key = 0;
        if (masked) {
            need(4, start);
            key = source.readInt();
            headerSize += 4;
        }
        offset += headerSize;
        return new FrameHeader(fin, rsv1, opcode, masked, key, length, start);
    }

    private void checkFirstByte(int b0, int opcode, boolean rsv1, boolean fin, long start)
            throws WebSocketProtocolException {
        if (!Opcodes.isDefined(opcode)) {
            throw error("reserved opcode " + Opcodes.name(opcode), CloseCodes.PROTOCOL_ERROR,
                    start);
        }
        if ((b0 & 0x30) != 0) {
            throw error(((b0 & 0x20) != 0 ? "RSV2" : "RSV3")
                    + " set without an extension that defines it", CloseCodes.PROTOCOL_ERROR,
                    start);
        }
        if (rsv1 && !rsv1Allowed) {
            throw error("RSV1 set without permessage-deflate", CloseCodes.PROTOCOL_ERROR, start);
        }
        if (rsv1 && !Opcodes.isData(opcode)) {
            throw error("RSV1 set on a " + Opcodes.name(opcode) + " frame",
                    CloseCodes.PROTOCOL_ERROR, start);
        }
        if (!fin && Opcodes.isControl(opcode)) {
            throw error("fragmented " + Opcodes.name(opcode) + " frame",
                    CloseCodes.PROTOCOL_ERROR, start);
        }
    }

    /** Waits until the next {@code bytes} bytes of the header starting at {@code start} arrive. */
    private void need(long bytes, long start) throws IOException {
        if (!source.request(bytes)) {
            throw eof("frame header", start);
        }
    }

    private EOFException eof(String where, long at) {
        return new EOFException("stream ended inside " + where + " at offset " + at
                + ", reader state [" + state + "]");
    }

    private WebSocketProtocolException error(String problem, int closeCode, long at) {
        return new WebSocketProtocolException(problem, closeCode, at, state.name());
    }

    private void checkState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("state: " + state);
        }
    }
}
