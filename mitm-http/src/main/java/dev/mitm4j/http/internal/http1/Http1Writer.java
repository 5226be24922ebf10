package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import okio.BufferedSink;
import okio.Sink;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTTP/1 messages to one direction of a connection. Heads are written as given by
 * {@link Http1Heads}: the header block is {@link Headers#toHttp1Bytes()}, so unchanged headers go
 * out byte-for-byte as received, and changed heads are checked only against injection (see
 * {@link Http1Heads}); the writer does not add or fix framing headers: the caller makes the
 * headers agree with the {@link BodyFraming} it passes to {@link #body}.
 *
 * <p>Lifecycle, enforced by {@link State} ({@link IllegalStateException} on misuse):
 * <ol>
 *   <li>{@link #writeRequestHead} or {@link #writeResponseHead} (IDLE to HEAD_WRITTEN).
 *   <li>{@link #body(BodyFraming)}, also for {@link BodyFraming#NONE} (to BODY, or IDLE for NONE).
 *   <li>Write the body, then for chunked bodies optionally {@link #writeTrailers}; closing the
 *       body sink finishes the message (to IDLE) and flushes. It never closes the connection.
 * </ol>
 *
 * <p>Nothing is flushed before the body sink is closed or {@link #flush()} is called. I/O errors
 * propagate; a fixed-length body that receives too many or too few bytes raises
 * {@link java.net.ProtocolException}. Not thread-safe: one thread writes a direction.
 */
public final class Http1Writer {
    /** Where the writer is in the message lifecycle. */
    public enum State {
        /** Between messages. */
        IDLE,
        /** A head was written; {@link #body} comes next. */
        HEAD_WRITTEN,
        /** A body sink is open. */
        BODY
    }

    private final BufferedSink sink;
    private State state = State.IDLE;
    private @Nullable ChunkedSink chunked;

    /** Creates a writer over {@code sink}. */
    public Http1Writer(BufferedSink sink) {
        this.sink = sink;
    }

    /**
     * Writes {@code method SP target SP version CRLF} and the header block.
     *
     * @throws IllegalArgumentException when a part would break the message's structure (see
     *     {@link Http1Heads}); nothing is written and the state stays IDLE
     */
    public void writeRequestHead(String method, String target, String version, Headers headers)
            throws IOException {
        checkState(State.IDLE);
        Http1Heads.writeRequestHead(sink, method, target, version, headers);
        state = State.HEAD_WRITTEN;
    }

    /**
     * Writes {@code version SP code SP reason CRLF} and the header block.
     *
     * @throws IllegalArgumentException for a code outside 100..999, or a part that would break
     *     the message's structure (see {@link Http1Heads}); nothing is written then
     */
    public void writeResponseHead(String version, int code, String reason, Headers headers)
            throws IOException {
        checkState(State.IDLE);
        Http1Heads.writeResponseHead(sink, version, code, reason, headers);
        state = State.HEAD_WRITTEN;
    }

    /**
     * {@return a sink for the body, encoding it as {@code framing} says} For NONE the returned sink
     * rejects any byte and the writer is IDLE at once.
     */
    public Sink body(BodyFraming framing) {
        checkState(State.HEAD_WRITTEN);
        state = State.BODY;
        return switch (framing.kind()) {
            case NONE -> new FixedLengthSink(this, sink, 0);
            case CONTENT_LENGTH -> new FixedLengthSink(this, sink, framing.contentLength());
            case CHUNKED -> chunked = new ChunkedSink(this, sink);
            case UNTIL_CLOSE -> new FixedLengthSink(this, sink, -1);
        };
    }

    /**
     * Ends the open chunked body with the last chunk and {@code trailers}; the body sink's
     * {@code close()} then only flushes.
     *
     * @throws IllegalStateException unless a chunked body sink is open
     * @throws IllegalArgumentException when a changed trailer would break the message (see
     *     {@link Http1Heads}); nothing is written then
     */
    public void writeTrailers(Headers trailers) throws IOException {
        if (state != State.BODY || chunked == null) {
            throw new IllegalStateException("state: " + state + ", no chunked body open");
        }
        chunked.finish(trailers);
    }

    /** Flushes what was written so far to the underlying sink. */
    public void flush() throws IOException {
        sink.flush();
    }

    /** {@return the current state} */
    public State state() {
        return state;
    }

    void bodyDone() {
        state = State.IDLE;
        chunked = null;
    }

    private void checkState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("state: " + state);
        }
    }
}
