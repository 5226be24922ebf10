package dev.mitm4j.http.internal.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads the messages one endpoint sends (RFC 6455 §5.4-§5.6, §8.1; RFC 7692 §6): reassembles
 * fragments, decompresses permessage-deflate messages, checks text as UTF-8 as it arrives, and
 * returns {@link Incoming} items in wire order, control frames included, even in the middle of a
 * fragmented message.
 *
 * <p><b>Whole or streamed.</b> A message up to {@link WebSocketLimits#streamLargeMessages()} bytes
 * (decoded) comes back as one {@link Incoming.Message}. A larger one comes back as
 * {@link Incoming.Chunk}s: the first holds what was buffered, each following one at most
 * {@link #CHUNK_SIZE} bytes, so memory stays bounded however large the message;
 * {@link WebSocketLimits#maxMessageSize()} still applies to it as a whole. With a threshold of 0
 * every non-empty message is streamed.
 *
 * <p><b>Refused</b> (on top of {@link FrameReader}'s frame rules), each as a
 * {@link WebSocketProtocolException} naming the close code: a continuation frame with no message
 * to continue, or a new text or binary frame inside a fragmented message (1002); text that is not
 * UTF-8, at its first bad byte even across fragments, a close reason that is not UTF-8, or
 * compressed data that is not valid DEFLATE (1007); a message larger than the limit once decoded
 * (1009: this bounds inflate bombs, since decoding stops as soon as the limit is passed); a close
 * frame with a 1-byte payload or a code not allowed on the wire (1002).
 *
 * <p>Lifecycle ({@link State}): IDLE between messages, MESSAGE while reassembling one, STREAMING
 * once its chunks are being returned, CLOSED after a close frame, a refusal, or the end of the
 * stream ({@link #next()} then throws {@link IllegalStateException}). Not thread-safe: one thread
 * reads a direction. {@link #close()} frees the decompressor; it does not close the source.
 */
public final class MessageReader implements AutoCloseable {
    /** Where the reader is. */
    public enum State {
        /** Between messages. */
        IDLE,
        /** Reassembling a message to return whole. */
        MESSAGE,
        /** Returning a large message in chunks. */
        STREAMING,
        /** After a close frame, a refused frame or the end of the stream. */
        CLOSED
    }

    /** The largest chunk of a streamed message after its first. */
    public static final int CHUNK_SIZE = 64 * 1024;

    private final FrameReader frames;
    private final WebSocketLimits limits;
    private final @Nullable MessageInflater inflater;
    private final byte[] wire = new byte[CHUNK_SIZE];
    private final byte[] decoded;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final Buffer buffered = new Buffer();
    private State state = State.IDLE;
    private int opcode;
    private boolean compressed;
    private boolean finalFrame;
    private boolean inflating;
    private boolean tailFed;
    private long decodedSize;
    private long wireSize;
    private long messageOffset;

    /**
     * @param source the bytes {@code sender} sends, from the first frame on
     * @param sender which endpoint sends them (a client's frames must be masked)
     * @param limits frame and message limits
     * @param inflater the decompressor when permessage-deflate was negotiated for this direction,
     *     else null (RSV1 is then refused); the reader closes it
     */
    public MessageReader(BufferedSource source, Role sender, WebSocketLimits limits,
            @Nullable MessageInflater inflater) {
        this.frames = new FrameReader(source, sender, limits.maxFrameSize(), inflater != null);
        this.limits = limits;
        this.inflater = inflater;
        this.decoded = inflater != null ? new byte[CHUNK_SIZE] : new byte[0];
    }

    /**
     * {@return the next message, chunk or control frame; null when the stream ends cleanly
     * between messages}
     *
     * @throws WebSocketProtocolException when the peer broke the protocol or a limit
     * @throws EOFException when the stream ends inside a frame or a fragmented message
     * @throws IllegalStateException when called after a close frame, a refusal or the end
     */
    public @Nullable Incoming next() throws IOException {
        if (state == State.CLOSED) {
            throw new IllegalStateException("state: CLOSED");
        }
        try {
            return advance();
        } catch (IOException e) {
            state = State.CLOSED;
            throw e;
        }
    }

    /** {@return the current state} */
    public State state() {
        return state;
    }

    /** {@return the number of bytes consumed from the source so far} */
    public long offset() {
        return frames.offset();
    }

    /** {@return the decoded bytes of the current message held in memory (0 when streaming)} */
    public long bufferedBytes() {
        return buffered.size();
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.close();
        }
        state = State.CLOSED;
    }

    private @Nullable Incoming advance() throws IOException {
        while (true) {
            Incoming item = null;
            if (inflating) {
                item = drain();
            } else if (frames.state() == FrameReader.State.PAYLOAD) {
                item = readData();
            } else if (state != State.IDLE && finalFrame) {
                if (!compressed || tailFed) {
                    return complete();
                }
                tailFed = true;
                if (wireSize > 0) { // an empty payload is an empty message; no tail to decode
                    inflater().endOfMessage();
                    inflating = true;
                }
            } else {
                FrameHeader header = frames.readHeader();
                if (header == null) {
                    return endOfStream();
                }
                if (header.isControl()) {
                    return control(header);
                }
                startFrame(header);
            }
            if (item != null) {
                return item;
            }
        }
    }

    private @Nullable Incoming endOfStream() throws EOFException {
        if (state == State.IDLE) {
            state = State.CLOSED;
            return null;
        }
        throw new EOFException("stream ended inside a fragmented message at offset "
                + frames.offset() + ", reader state [" + state + "]");
    }

    private Incoming control(FrameHeader header) throws IOException {
        byte[] payload = frames.readRemainingPayload();
        return switch (header.opcode()) {
            case Opcodes.PING -> new Incoming.Ping(payload);
            case Opcodes.PONG -> new Incoming.Pong(payload);
            default -> {
                Incoming.Close close = CloseFrames.parse(payload, header.offset(), state.name());
                state = State.CLOSED;
                yield close;
            }
        };
    }

    private void startFrame(FrameHeader header) throws WebSocketProtocolException {
        if (header.opcode() == Opcodes.CONTINUATION) {
            if (state == State.IDLE) {
                throw error("continuation frame without a message to continue",
                        CloseCodes.PROTOCOL_ERROR, header.offset());
            }
        } else if (state != State.IDLE) {
            throw error(Opcodes.name(header.opcode()) + " frame inside a fragmented message",
                    CloseCodes.PROTOCOL_ERROR, header.offset());
        } else {
            state = State.MESSAGE;
            opcode = header.opcode();
            compressed = header.rsv1();
            decodedSize = 0;
            wireSize = 0;
            messageOffset = header.offset();
            tailFed = false;
            utf8.reset();
        }
        finalFrame = header.fin();
    }

    private @Nullable Incoming readData() throws IOException {
        if (isWholeBufferedFrame()) {
            return wholeFrame();
        }
        int n = frames.readPayload(wire, 0, wire.length);
        wireSize += n;
        if (compressed) {
            inflater().input(wire, 0, n);
            inflating = true;
            return null;
        }
        return deliver(wire, n);
    }

    /**
     * Whether the current frame is a whole uncompressed message that fits the limits and has
     * fully arrived: the common case, read straight into its own array. A frame still arriving
     * takes the general path, which refuses bad UTF-8 at its first byte without waiting for the
     * rest.
     */
    private boolean isWholeBufferedFrame() {
        long length = frames.remaining();
        return state == State.MESSAGE && finalFrame && !compressed && decodedSize == 0
                && length <= limits.streamLargeMessages() && length <= limits.maxMessageSize()
                && frames.payloadBuffered();
    }

    private Incoming wholeFrame() throws IOException {
        long start = frames.offset();
        byte[] payload = frames.readRemainingPayload();
        int bad = opcode == Opcodes.TEXT ? utf8.validate(payload, 0, payload.length) : -1;
        if (bad >= 0) {
            throw error("text message is not valid UTF-8", CloseCodes.INVALID_PAYLOAD,
                    start + bad);
        }
        if (opcode == Opcodes.TEXT && !utf8.isComplete()) {
            throw error("text message ends inside a UTF-8 sequence", CloseCodes.INVALID_PAYLOAD,
                    frames.offset());
        }
        state = State.IDLE;
        return new Incoming.Message(opcode, payload);
    }

    private @Nullable Incoming drain() throws WebSocketProtocolException {
        MessageInflater in = inflater();
        int n;
        try {
            n = in.inflate(decoded, 0, decoded.length);
        } catch (DataFormatException e) {
            throw error("compressed message is not valid DEFLATE data",
                    CloseCodes.INVALID_PAYLOAD, messageOffset);
        }
        if (n == 0 && in.needsInput()) {
            inflating = false;
            return null;
        }
        return deliver(decoded, n);
    }

    /**
     * Counts, checks and keeps (or streams) {@code n} decoded bytes of the current message. Errors
     * name the offending byte's stream offset when the message is not compressed, else the offset
     * of the message's first frame (a decoded byte has no offset of its own).
     */
    private @Nullable Incoming deliver(byte[] b, int n) throws WebSocketProtocolException {
        if (n == 0) {
            return null;
        }
        long start = frames.offset() - n;
        decodedSize += n;
        if (decodedSize > limits.maxMessageSize()) {
            long over = limits.maxMessageSize() - (decodedSize - n);
            throw error("message larger than the message size limit of "
                    + limits.maxMessageSize() + " bytes", CloseCodes.MESSAGE_TOO_BIG,
                    compressed ? messageOffset : start + over);
        }
        int bad = opcode == Opcodes.TEXT ? utf8.validate(b, 0, n) : -1;
        if (bad >= 0) {
            throw error("text message is not valid UTF-8", CloseCodes.INVALID_PAYLOAD,
                    compressed ? messageOffset : start + bad);
        }
        if (state == State.STREAMING) {
            return new Incoming.Chunk(opcode, Arrays.copyOf(b, n), false, false);
        }
        buffered.write(b, 0, n);
        if (buffered.size() > limits.streamLargeMessages()) {
            state = State.STREAMING;
            return new Incoming.Chunk(opcode, buffered.readByteArray(), true, false);
        }
        return null;
    }

    private Incoming complete() throws WebSocketProtocolException {
        if (opcode == Opcodes.TEXT && !utf8.isComplete()) {
            throw error("text message ends inside a UTF-8 sequence", CloseCodes.INVALID_PAYLOAD,
                    frames.offset());
        }
        if (compressed) {
            inflater().messageDone();
        }
        boolean streaming = state == State.STREAMING;
        state = State.IDLE;
        if (streaming) {
            return new Incoming.Chunk(opcode, new byte[0], false, true);
        }
        return new Incoming.Message(opcode, buffered.readByteArray());
    }

    private MessageInflater inflater() {
        MessageInflater in = inflater;
        if (in == null) {
            throw new IllegalStateException("no inflater"); // FrameReader refuses RSV1 then
        }
        return in;
    }

    private WebSocketProtocolException error(String problem, int closeCode, long at) {
        return new WebSocketProtocolException(problem, closeCode, at, state.name());
    }
}
