package dev.mitm4j.http.internal.websocket;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Writes messages as one endpoint: whole messages (compressed when permessage-deflate was
 * negotiated and {@link MessageDeflater#compresses} agrees, then split into frames of at most the
 * fragment size), streamed messages ({@link #beginMessage}), pings, pongs and the close frame.
 *
 * <p><b>Threads.</b> Safe for concurrent use, so that a relay thread and an injecting thread can
 * share a direction: data messages never interleave (a second writer waits until the first
 * message, streamed or whole, is finished), while control frames go out between the fragments of a
 * message, as RFC 6455 §5.4 allows. Each message and each control frame is flushed when written.
 *
 * <p><b>Errors.</b> {@link IllegalArgumentException} for what would break the protocol: text that
 * is not UTF-8, a data opcode that is not text or binary, a control payload over 125 bytes, a close
 * code not allowed on the wire. {@link IllegalStateException} for anything after the close frame,
 * a whole message written by the thread that is streaming one, or a data message after a streamed
 * message was abandoned half-written (by invalid text); the caller then closes the connection.
 * I/O errors propagate.
 * {@link #close()} frees the compressor; it does not close the sink.
 */
public final class MessageWriter implements AutoCloseable {
    /**
     * 64 KiB: servers that cap frames (Netty's default frame limit is 64 KiB) accept every
     * fragment, and a control frame waits behind at most one fragment.
     */
    public static final int DEFAULT_FRAGMENT_SIZE = 64 * 1024;

    private final FrameWriter frames;
    private final @Nullable MessageDeflater deflater;
    private final int fragmentSize;
    private final ReentrantLock messageLock = new ReentrantLock();
    private final ReentrantLock frameLock = new ReentrantLock();
    private volatile boolean closeSent;
    private volatile boolean abandoned;
    /** The message being streamed, guarded by messageLock. */
    private @Nullable OutgoingMessage current;

    /**
     * @param sink where the frames go
     * @param sender which endpoint writes (a client masks every frame with a fresh key)
     * @param deflater the compressor when permessage-deflate was negotiated for this direction,
     *     else null; the writer closes it
     * @param fragmentSize the largest frame payload written for a data message
     * @param maskKeys the masking-key source (used by a client only)
     */
    public MessageWriter(BufferedSink sink, Role sender, @Nullable MessageDeflater deflater,
            int fragmentSize, IntSupplier maskKeys) {
        if (fragmentSize <= 0) {
            throw new IllegalArgumentException("fragmentSize must be > 0: " + fragmentSize);
        }
        this.frames = new FrameWriter(sink, sender, maskKeys);
        this.deflater = deflater;
        this.fragmentSize = fragmentSize;
    }

    /** Creates a writer with {@link #DEFAULT_FRAGMENT_SIZE} and secure random masking keys. */
    public MessageWriter(BufferedSink sink, Role sender, @Nullable MessageDeflater deflater) {
        this(sink, sender, deflater, DEFAULT_FRAGMENT_SIZE, FrameWriter.secureKeys());
    }

    /**
     * Writes a whole message and flushes.
     *
     * @param opcode {@link Opcodes#TEXT} or {@link Opcodes#BINARY}
     */
    public void writeMessage(int opcode, byte[] payload) throws IOException {
        checkData(opcode);
        if (opcode == Opcodes.TEXT && !Utf8Validator.isValid(payload, 0, payload.length)) {
            throw new IllegalArgumentException("text message is not valid UTF-8");
        }
        if (messageLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread is streaming a message");
        }
        messageLock.lock();
        try {
            checkOpen();
            checkNotAbandoned();
            boolean compress = deflater != null && deflater.compresses(payload.length);
            byte[] body = compress ? deflater.compress(payload, 0, payload.length) : payload;
            int at = 0;
            do {
                int n = Math.min(fragmentSize, body.length - at);
                boolean first = at == 0;
                frame(at + n == body.length, compress && first,
                        first ? opcode : Opcodes.CONTINUATION, body, at, n, false);
                at += n;
            } while (at < body.length);
            flush();
        } finally {
            messageLock.unlock();
        }
    }

    /**
     * Starts a streamed message. Until {@link OutgoingMessage#finish()}, other data messages wait;
     * the calling thread must finish it.
     *
     * @param opcode {@link Opcodes#TEXT} or {@link Opcodes#BINARY}
     */
    public OutgoingMessage beginMessage(int opcode) {
        checkData(opcode);
        if (messageLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread is streaming a message");
        }
        messageLock.lock();
        try {
            checkOpen();
            checkNotAbandoned();
        } catch (IllegalStateException e) {
            messageLock.unlock();
            throw e;
        }
        boolean compress = deflater != null && deflater.compresses(-1);
        current = new OutgoingMessage(opcode, compress ? deflater : null);
        return current;
    }

    /** Writes a ping (at most 125 bytes) and flushes. */
    public void writePing(byte[] payload) throws IOException {
        control(Opcodes.PING, payload);
    }

    /** Writes a pong (at most 125 bytes) and flushes. */
    public void writePong(byte[] payload) throws IOException {
        control(Opcodes.PONG, payload);
    }

    /**
     * Writes a close frame and flushes; nothing may be written after it. A message this thread is
     * streaming ends unfinished there (RFC 6455 lets a close frame interrupt a fragmented
     * message); one streamed by another thread fails at its next write.
     *
     * @param code a code allowed on the wire, or {@link CloseCodes#NO_STATUS_RECEIVED} for a close
     *     frame without a code (the reason must then be empty)
     * @param reason at most {@value CloseFrames#MAX_REASON_BYTES} bytes in UTF-8
     */
    public void writeClose(int code, String reason) throws IOException {
        byte[] payload = CloseFrames.encode(code, reason);
        frameLock.lock();
        try {
            checkOpen();
            frames.writeFrame(true, false, Opcodes.CLOSE, payload);
            closeSent = true;
            frames.flush();
        } finally {
            frameLock.unlock();
            OutgoingMessage streaming = current;
            if (messageLock.isHeldByCurrentThread() && streaming != null) {
                streaming.release();
            }
        }
    }

    /** {@return whether the close frame was written} */
    public boolean closeSent() {
        return closeSent;
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.close();
        }
    }

    private void control(int opcode, byte[] payload) throws IOException {
        if (payload.length > FrameReader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException(Opcodes.name(opcode) + " payload longer than "
                    + FrameReader.MAX_CONTROL_PAYLOAD + " bytes: " + payload.length);
        }
        frameLock.lock();
        try {
            checkOpen();
            frames.writeFrame(true, false, opcode, payload);
            frames.flush();
        } finally {
            frameLock.unlock();
        }
    }

    private void frame(boolean fin, boolean rsv1, int opcode, byte[] b, int off, int len,
            boolean flush) throws IOException {
        frameLock.lock();
        try {
            checkOpen();
            frames.writeFrame(fin, rsv1, opcode, b, off, len);
            if (flush) {
                frames.flush();
            }
        } finally {
            frameLock.unlock();
        }
    }

    private void flush() throws IOException {
        frameLock.lock();
        try {
            frames.flush();
        } finally {
            frameLock.unlock();
        }
    }

    private void checkOpen() {
        if (closeSent) {
            throw new IllegalStateException("close frame already sent");
        }
    }

    private void checkNotAbandoned() {
        if (abandoned) {
            throw new IllegalStateException("a streamed message was abandoned half-written");
        }
    }

    private static void checkData(int opcode) {
        if (!Opcodes.isData(opcode)) {
            throw new IllegalArgumentException("not a data opcode: " + Opcodes.name(opcode));
        }
    }

    /**
     * A message being streamed: {@link #write} its content in order, then {@link #finish()}. Each
     * write goes out as one or more non-final frames at once (compressed output as soon as the
     * compressor yields it); {@link #finish()} writes the final frame. Used by the thread that
     * began it only.
     */
    public final class OutgoingMessage {
        private final int opcode;
        private final @Nullable MessageDeflater compressor;
        private final Utf8Validator utf8 = new Utf8Validator();
        private final Buffer compressed = new Buffer();
        private boolean started;
        private boolean finished;

        private OutgoingMessage(int opcode, @Nullable MessageDeflater compressor) {
            this.opcode = opcode;
            this.compressor = compressor;
        }

        /**
         * Writes the next {@code len} bytes of the message and flushes. A failure (invalid text,
         * a close frame sent meanwhile, an I/O error) abandons the message and lets other
         * writers go.
         */
        public void write(byte[] b, int off, int len) throws IOException {
            checkActive();
            try {
                if (opcode == Opcodes.TEXT && utf8.validate(b, off, len) >= 0) {
                    throw new IllegalArgumentException("text message is not valid UTF-8");
                }
                if (compressor == null) {
                    fragments(b, off, len, false);
                } else {
                    compressor.deflate(b, off, len, compressed);
                    byte[] out = compressed.readByteArray();
                    fragments(out, 0, out.length, false);
                }
                flush();
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
        }

        /** Writes the whole of {@code b}. */
        public void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        /** Writes the final frame, flushes, and lets other data messages go. */
        public void finish() throws IOException {
            checkActive();
            try {
                if (opcode == Opcodes.TEXT && !utf8.isComplete()) {
                    abandoned = started;
                    throw new IllegalArgumentException("text message ends inside a UTF-8 sequence");
                }
                byte[] last = new byte[0];
                if (compressor != null) {
                    compressor.finishMessage(compressed);
                    last = compressed.readByteArray();
                }
                frame(true, compressor != null && !started,
                        started ? Opcodes.CONTINUATION : opcode, last, 0, last.length, true);
            } finally {
                release();
            }
        }

        private void fragments(byte[] b, int off, int len, boolean flush) throws IOException {
            for (int at = 0; at < len; ) {
                int n = Math.min(fragmentSize, len - at);
                frame(false, compressor != null && !started,
                        started ? Opcodes.CONTINUATION : opcode, b, off + at, n, flush);
                started = true;
                at += n;
            }
        }

        private void checkActive() {
            if (finished) {
                throw new IllegalStateException("message already finished");
            }
            if (!messageLock.isHeldByCurrentThread()) {
                throw new IllegalStateException("message streamed by another thread");
            }
        }

        /** Frames of this message may be on the wire: no data message can follow it. */
        private void abandon() {
            abandoned = started;
            release();
        }

        private void release() {
            if (!finished) {
                finished = true;
                current = null;
                messageLock.unlock();
            }
        }
    }
}
