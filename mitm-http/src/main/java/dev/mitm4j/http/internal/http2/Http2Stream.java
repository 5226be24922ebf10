package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import okio.Buffer;
import okio.Sink;
import okio.Source;
import okio.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 stream: one request and its response, used by one exchange thread much like an
 * HTTP/1 connection is. The inbound side (the request on a server, the response on a client)
 * offers its head, a {@link #body() body source} and {@link #trailers()}; the outbound side
 * writes a head, a {@link #bodySink() body sink} and trailers.
 *
 * <p>Lifecycle on a server ({@link Http2Connection#accept()}):
 * <ol>
 *   <li>{@link #requestHead()} is there at once; read {@link #body()} to its end (-1), then
 *       {@link #trailers()} may hold request trailers.
 *   <li>{@link #writeResponseHead} (interim 1xx heads first if any; {@code endStream} when there
 *       is no body), then write the body to {@link #bodySink()} and close it, or end with
 *       {@link #writeTrailers}.
 * </ol>
 * On a client ({@link Http2Connection#newStream}) the request head is written when the stream is
 * opened; write the request body, then {@link #readResponseHead()} (repeat while it returns an
 * interim head), read the body, then the trailers. Both sides may proceed at once from two threads
 * (one reading, one writing), e.g. for bidirectional streaming.
 *
 * <p>Flow control is real backpressure: a body source returns WINDOW_UPDATE credit only as its
 * reader consumes bytes, so at most the stream's window is buffered and a slow reader slows the
 * peer; a body sink blocks while the peer's windows are exhausted. Blocking calls honour the
 * okio {@link Timeout} of the source and sink ({@link InterruptedIOException} when it fires, the
 * stream is then cancelled) and thread interruption.
 *
 * <p>Errors: a reset stream (by the peer, by a local protocol check, or by {@link #cancel})
 * fails every pending and later call with {@link Http2StreamException} carrying the code, for
 * instance {@link Http2ErrorCode#REFUSED_STREAM} (safe to retry) or {@link
 * Http2ErrorCode#HTTP_1_1_REQUIRED}; a failed connection fails them with {@link
 * Http2ConnectionException} or the I/O exception that ended it. A response already complete when
 * the peer resets the stream with NO_ERROR stays readable (RFC 9113 section 8.1). Calls out of
 * order throw {@link IllegalStateException}.
 *
 * <p>Thread-safe: state is guarded by the connection's lock; one reader thread and one writer
 * thread may use a stream at once.
 */
public final class Http2Stream {
    private final Http2Connection connection;
    private final int id;
    private final boolean local;
    final Condition changed;

    // guarded by connection.lock
    @Nullable Http2RequestHead requestHead;
    final ArrayDeque<Http2ResponseHead> responseHeads = new ArrayDeque<>();
    boolean finalResponseHead;
    final Buffer received = new Buffer();
    long receivedData;
    long declaredLength = -1;
    boolean remoteEnded;
    @Nullable Headers trailers;
    long recvWindow;
    long unacked;
    long sendWindow;
    boolean headWritten;
    boolean localEnded;
    long declaredOutLength = -1;
    long written;
    @Nullable IOException failure;
    boolean bodyAbandoned;
    boolean closed;

    private final DataSource source = new DataSource();
    private final DataSink sink = new DataSink();

    Http2Stream(Http2Connection connection, int id, boolean local, long recvWindow,
            long sendWindow) {
        this.connection = connection;
        this.id = id;
        this.local = local;
        this.recvWindow = recvWindow;
        this.sendWindow = sendWindow;
        this.changed = connection.lock.newCondition();
    }

    /** {@return the stream id} */
    public int id() {
        return id;
    }

    /** {@return whether this endpoint opened the stream (client role)} */
    public boolean isLocal() {
        return local;
    }

    /** {@return the request head: received on a server, sent on a client} */
    public Http2RequestHead requestHead() {
        connection.lock.lock();
        try {
            Http2RequestHead head = requestHead;
            if (head == null) {
                throw new IllegalStateException("no request head on stream " + id);
            }
            return head;
        } finally {
            connection.lock.unlock();
        }
    }

    /**
     * {@return the next response head, waiting for it} Interim (1xx) heads come first, each
     * returned by one call; call again until {@link Http2ResponseHead#isInterim()} is false.
     *
     * @throws IllegalStateException on a server's stream, or after the final head was returned
     * @throws IOException when the stream or connection failed, or the timeout fired
     */
    public Http2ResponseHead readResponseHead() throws IOException {
        if (!local) {
            throw new IllegalStateException("readResponseHead on a server stream " + id);
        }
        connection.lock.lock();
        try {
            while (responseHeads.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (remoteEnded) {
                    throw new IllegalStateException("final response head already read");
                }
                await(source.timeout());
            }
            return responseHeads.poll();
        } finally {
            connection.lock.unlock();
        }
    }

    /**
     * {@return the inbound body} It ends (-1) at END_STREAM, after which {@link #trailers()} is
     * set; DATA beyond a declared Content-Length, or short of it, resets the stream. Closing it
     * before the end abandons the rest: the stream is reset with CANCEL, or with NO_ERROR when
     * this side already ended its message (a server that answered without reading the whole
     * request, RFC 9113 section 8.1), which leaves the peer's response intact.
     */
    public Source body() {
        return source;
    }

    /** {@return the inbound trailers, once the body ended; null when there were none} */
    public @Nullable Headers trailers() {
        connection.lock.lock();
        try {
            return trailers;
        } finally {
            connection.lock.unlock();
        }
    }

    /**
     * Writes the response head (server streams). Interim (1xx) heads may precede the final one.
     *
     * @param endStream true when there is no body: the stream's outbound side ends
     * @throws IllegalArgumentException when the head would be malformed
     * @throws Http2StreamException (INTERNAL_ERROR) when the head is larger than the peer's
     *     SETTINGS_MAX_HEADER_LIST_SIZE: it is not sent and the stream is reset
     */
    public void writeResponseHead(Http2ResponseHead head, boolean endStream) throws IOException {
        if (local) {
            throw new IllegalStateException("writeResponseHead on a client stream " + id);
        }
        if (head.isInterim() && endStream) {
            throw new IllegalArgumentException("an interim head cannot end the stream");
        }
        connection.outbound.writeHead(this, Http2Fields.outbound(head), head.neverIndexed(), endStream,
                head.isInterim(), Http2Fields.contentLength(id, head.headers()));
    }

    /**
     * {@return the outbound body} Writes block while the peer's flow-control windows are used
     * up. {@link Sink#close()} ends the stream (an empty DATA frame with END_STREAM) unless
     * {@link #writeTrailers} ended it; a body that does not match the declared Content-Length
     * fails and resets the stream, so a truncated message never looks complete.
     */
    public Sink bodySink() {
        return sink;
    }

    /**
     * Writes trailers and ends the stream.
     *
     * @throws IllegalArgumentException when the trailers would be malformed
     * @throws Http2StreamException (INTERNAL_ERROR) when the trailers are larger than the peer's
     *     SETTINGS_MAX_HEADER_LIST_SIZE: they are not sent and the stream is reset
     */
    public void writeTrailers(Headers trailers) throws IOException {
        connection.outbound.writeTrailers(this, Http2Fields.outboundTrailers(trailers));
    }

    /**
     * Resets the stream with {@code code} (RST_STREAM), e.g. CANCEL when its exchange gives up.
     * Pending and later calls fail with an {@link Http2StreamException}; a no-op on a closed
     * stream.
     */
    public void cancel(Http2ErrorCode code) {
        connection.resetLocally(this, code, "cancelled");
    }

    /**
     * {@return whether the inbound message ended without a byte of body: END_STREAM came with
     * the head, or with empty DATA frames only} False while it may still get a body.
     */
    public boolean inboundEmpty() {
        connection.lock.lock();
        try {
            return remoteEnded && receivedData == 0;
        } finally {
            connection.lock.unlock();
        }
    }

    /**
     * {@return whether the stream failed: reset by either side, or its connection ended} Does
     * not block; for watchdogs that must notice a peer giving up on a stream.
     */
    public boolean failed() {
        connection.lock.lock();
        try {
            return failure != null;
        } finally {
            connection.lock.unlock();
        }
    }

    /** {@return the inbound body bytes received and not read yet} */
    long buffered() {
        connection.lock.lock();
        try {
            return received.size();
        } finally {
            connection.lock.unlock();
        }
    }

    /** Waits on this stream's condition; the caller holds the connection's lock. */
    void await(Timeout timeout) throws IOException {
        try {
            if (timeout.timeoutNanos() == 0 && !timeout.hasDeadline()) {
                changed.await();
            } else {
                timeout.awaitSignal(changed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting on stream " + id);
        } catch (InterruptedIOException e) {
            connection.lock.unlock();
            try {
                cancel(Http2ErrorCode.CANCEL);
            } finally {
                connection.lock.lock();
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Http2Stream{" + id + "}";
    }

    /** The inbound body: reads return window credit as they consume. */
    private final class DataSource implements Source {
        private final Timeout timeout = new Timeout();

        @Override
        public long read(Buffer sinkBuffer, long byteCount) throws IOException {
            if (byteCount < 0) {
                throw new IllegalArgumentException("byteCount < 0: " + byteCount);
            }
            long read;
            connection.lock.lock();
            try {
                while (true) {
                    if (failure != null && !remoteEnded) {
                        throw failure;
                    }
                    if (bodyAbandoned) {
                        throw new IllegalStateException("body closed");
                    }
                    if (received.size() > 0) {
                        break;
                    }
                    if (remoteEnded) {
                        return -1;
                    }
                    if (local && !finalResponseHead) {
                        throw new IllegalStateException("read the response head first");
                    }
                    await(timeout);
                }
                read = received.read(sinkBuffer, Math.min(byteCount, received.size()));
            } finally {
                connection.lock.unlock();
            }
            connection.consumed(Http2Stream.this, read);
            return read;
        }

        @Override
        public Timeout timeout() {
            return timeout;
        }

        @Override
        public void close() {
            connection.abandonBody(Http2Stream.this);
        }
    }

    /** The outbound body: one DATA frame per window-sized piece. */
    private final class DataSink implements Sink {
        private final Timeout timeout = new Timeout();

        @Override
        public void write(Buffer source, long byteCount) throws IOException {
            while (byteCount > 0) {
                int n = connection.outbound.reserveWindow(Http2Stream.this, byteCount, timeout);
                connection.outbound.writeData(Http2Stream.this, source, n);
                byteCount -= n;
            }
        }

        @Override
        public void flush() {
            // every DATA frame is flushed as it is written
        }

        @Override
        public Timeout timeout() {
            return timeout;
        }

        @Override
        public void close() throws IOException {
            connection.outbound.endStream(Http2Stream.this);
        }
    }
}
