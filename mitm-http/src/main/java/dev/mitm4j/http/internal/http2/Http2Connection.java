package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 connection (RFC 9113) on blocking I/O, in either role: a server reading a client
 * (it expects the client preface) or a client talking to a server (it sends the preface). A
 * single reader thread per connection reads every frame and dispatches it to its stream; exchange
 * threads use {@link Http2Stream}s as they would use an HTTP/1 connection.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>{@link #builder} … {@link Builder#build()}, then {@link #start()}: exchanges the preface
 *       and SETTINGS (ours: push disabled, the {@link Http2Limits}) and starts the reader thread.
 *   <li>Server: {@link #accept()} returns each stream the peer opens, with its request head; it
 *       returns null once no more will come. Client: {@link #newStream} opens a stream with its
 *       request head, waiting while the peer's SETTINGS_MAX_CONCURRENT_STREAMS are in use.
 *   <li>{@link #shutdown()} sends GOAWAY and lets open streams finish (graceful drain); the
 *       connection closes when the last one ends. {@link #close()} ends it at once.
 * </ol>
 *
 * <p>Protocol behaviour: SETTINGS are acknowledged after being applied, and a peer that does not
 * acknowledge ours within {@link Http2Limits#settingsTimeout()} gets GOAWAY SETTINGS_TIMEOUT;
 * PING is answered, and
 * {@link #ping} measures a round trip (for keepalive); PRIORITY is accepted and ignored;
 * PUSH_PROMISE is a connection error (push is disabled); a GOAWAY from the peer fails our streams
 * above its last stream id with REFUSED_STREAM and lets the others finish; flow control returns
 * credit only as stream bodies are read (see {@link Http2Stream}). Errors are handled as section
 * 5.4 says: a connection error sends GOAWAY with its code and fails every stream; a stream error
 * sends RST_STREAM and fails that stream only. A peer that resets streams, provokes resets or
 * sends frames that carry no request faster than the rate limits of {@link Http2Limits} allow
 * gets GOAWAY ENHANCE_YOUR_CALM (see {@code Http2FloodGuard}). Requests whose field section exceeds
 * {@link Http2Limits#maxHeaderListSize()} are answered 431 without reaching {@link #accept()}.
 *
 * <p>Sockets should have TCP_NODELAY set: frames are flushed as written, and Nagle's algorithm
 * would hold small ones (WINDOW_UPDATE, PING acknowledgements) behind the peer's delayed ACK,
 * stalling flow control by tens of milliseconds per round trip.
 *
 * <p>Thread-safe. Locking: {@code lock} guards all state, {@code writeLock} the socket and the
 * HPACK encoder; a thread may take {@code lock} while holding {@code writeLock}, never the
 * reverse. No method blocks while holding {@code lock} except on its conditions.
 */
public final class Http2Connection implements Closeable {
    /** Which end of the connection this endpoint is. */
    public enum Role {
        /** Accepts streams from a client; reads the client preface. */
        SERVER,
        /** Opens streams to a server; sends the client preface. */
        CLIENT
    }

    /** How many streams reset by this side are remembered, so late frames on them are ignored. */
    static final int RESET_MEMORY = 128;

    final ReentrantLock lock = new ReentrantLock();
    final ReentrantLock writeLock = new ReentrantLock();
    private final Condition streamsChanged = lock.newCondition();

    final Role role;
    final Http2Limits limits;
    final String name;
    private final BufferedSource source;
    final FrameWriter writer;
    private final BufferedSink sink;
    private final Closeable socket;
    private final ThreadFactory threads;
    private final HpackEncoder encoder;
    final Http2Outbound outbound = new Http2Outbound(this);
    final Http2FloodGuard guard;

    // guarded by lock
    final Map<Integer, Http2Stream> streams = new HashMap<>();
    /**
     * The last {@value #RESET_MEMORY} streams this side reset: frames the peer sent before it saw
     * the RST_STREAM are ignored on them (RFC 9113 section 5.1, "closed"), not answered with
     * STREAM_CLOSED. Guarded by {@code lock}.
     */
    private final int[] resetByUs = new int[RESET_MEMORY];
    private int resetCount;
    private final ArrayDeque<Http2Stream> acceptQueue = new ArrayDeque<>();
    private final List<Long> pingAcks = new ArrayList<>();
    private long pingCounter;
    int lastPeerStreamId;
    private int nextStreamId;
    int activePeer;
    private int activeLocal;
    private int reservedLocal;
    Http2Settings peerSettings = Http2Settings.empty();
    int peerMaxConcurrent = Integer.MAX_VALUE;
    long peerInitialWindow = Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    int peerMaxFrame = Http2Settings.DEFAULT_MAX_FRAME_SIZE;
    boolean peerExtendedConnect;
    boolean localSettingsAcked;
    /** Whether the peer's first SETTINGS frame arrived: it speaks HTTP/2. Guarded by lock. */
    boolean peerSpoke;
    long connSendWindow = Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    long connRecvWindow;
    private long connUnacked;
    boolean goAwaySent;
    int goAwaySentLastId = Integer.MAX_VALUE;
    boolean goAwayReceived;
    @Nullable IOException failure;
    private boolean socketClosed;

    private Http2Connection(Builder b) {
        this.role = b.role;
        this.limits = b.limits;
        this.name = b.name;
        this.source = b.source;
        this.sink = b.sink;
        this.writer = new FrameWriter(b.sink);
        this.socket = b.socket;
        this.threads = b.threads != null ? b.threads
                : Thread.ofVirtual().name("h2-reader-" + b.name).factory();
        this.encoder = new HpackEncoder(limits.headerTableSize());
        this.nextStreamId = role == Role.CLIENT ? 1 : 2;
        this.connRecvWindow = limits.connectionWindowSize();
        this.guard = new Http2FloodGuard(limits);
    }

    /**
     * {@return a builder for a connection over {@code source} and {@code sink}}
     *
     * @param socket closed when the connection ends (the socket, or a TLS wrapper of it)
     */
    public static Builder builder(Role role, BufferedSource source, BufferedSink sink,
            Closeable socket) {
        return new Builder(role, source, sink, socket);
    }

    /**
     * Exchanges the connection preface and starts the reader thread. A server first reads the
     * client preface (blocking until it arrives); the peer's SETTINGS are then read by the reader
     * thread, which refuses a connection whose first frame is not SETTINGS.
     *
     * @throws Http2ConnectionException when the client preface is wrong (after a GOAWAY)
     * @throws IOException when the socket fails
     */
    public void start() throws IOException {
        FrameReader reader = new FrameReader(source, limits.maxFrameSize(),
                limits.maxFieldBlock(), limits.maxContinuationFrames());
        try {
            if (role == Role.SERVER) {
                reader.readClientPreface();
            }
            writeLock.lock();
            try {
                if (role == Role.CLIENT) {
                    writer.clientPreface();
                }
                writer.settings(limits.settings(role == Role.SERVER));
                int raise = limits.connectionWindowSize() - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
                if (raise > 0) {
                    writer.windowUpdate(0, raise);
                }
                writer.flush();
            } finally {
                writeLock.unlock();
            }
        } catch (Http2ConnectionException e) {
            fail(e);
            throw e;
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        Http2Inbound inbound = new Http2Inbound(this, source, reader);
        threads.newThread(inbound::run).start();
        Http2SettingsTimer.start(this);
    }

    /**
     * {@return the next stream the peer opened, waiting for one; null once no more will come}
     * (after a GOAWAY either way, or when the connection ended; see {@link #failure()}). A
     * stream the peer reset before it was accepted is skipped: there is nobody to answer, and
     * a peer opening and resetting streams (CVE-2023-44487) starts no work here.
     *
     * @throws IllegalStateException on a client connection
     * @throws InterruptedIOException when the thread is interrupted
     */
    public @Nullable Http2Stream accept() throws InterruptedIOException {
        if (role != Role.SERVER) {
            throw new IllegalStateException("accept on a client connection");
        }
        lock.lock();
        try {
            while (true) {
                while (acceptQueue.isEmpty()) {
                    if (failure != null || goAwaySent) {
                        return null;
                    }
                    awaitStreams();
                }
                Http2Stream stream = acceptQueue.poll();
                if (!(stream.failure instanceof Http2StreamException e && e.remote())) {
                    return stream;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens a stream by writing its request head, first waiting while the peer's
     * SETTINGS_MAX_CONCURRENT_STREAMS are all in use (the request is queued, not refused).
     *
     * @param endStream true when the request has no body
     * @throws IllegalArgumentException when the head would be malformed (e.g. {@code :protocol}
     *     while the peer did not enable extended CONNECT)
     * @throws Http2StreamException (INTERNAL_ERROR) when the head is larger than the peer's
     *     SETTINGS_MAX_HEADER_LIST_SIZE; nothing was sent and no stream id used
     * @throws Http2ConnectionException when the connection is going away or failed; a request
     *     never written is safe to send on another connection
     * @throws InterruptedIOException when the thread is interrupted while queued
     */
    public Http2Stream newStream(Http2RequestHead head, boolean endStream) throws IOException {
        if (role != Role.CLIENT) {
            throw new IllegalStateException("newStream on a server connection");
        }
        boolean extended;
        lock.lock();
        try {
            extended = peerExtendedConnect;
            while (true) {
                checkOpenForNewStreams();
                if (activeLocal + reservedLocal < peerMaxConcurrent) {
                    break;
                }
                awaitStreams();
            }
            reservedLocal++;
        } finally {
            lock.unlock();
        }
        List<Headers.Field> fields;
        long declared;
        try {
            fields = Http2Fields.outbound(head, extended);
            declared = Http2Fields.contentLength(0, head.headers());
        } catch (IllegalArgumentException | Http2StreamException e) {
            release();
            throw e;
        }
        return openStream(head, fields, endStream, declared);
    }

    private void release() {
        lock.lock();
        try {
            reservedLocal--;
            streamsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Http2Stream openStream(Http2RequestHead head, List<Headers.Field> fields,
            boolean endStream, long declared) throws IOException {
        writeLock.lock();
        try {
            Http2Stream stream;
            lock.lock();
            try {
                reservedLocal--;
                checkOpenForNewStreams();
                if (nextStreamId < 0) {
                    throw new Http2ConnectionException(Http2ErrorCode.NO_ERROR,
                            "stream ids exhausted; open another connection", -1);
                }
                Http2StreamException tooLarge = aboveHeaderListSize(nextStreamId,
                        "request head", fields, ", not sent,");
                if (tooLarge != null) {
                    streamsChanged.signalAll(); // the reserved slot is free again
                    throw tooLarge;
                }
                long recv = localSettingsAcked ? limits.initialWindowSize()
                        : Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
                stream = new Http2Stream(this, nextStreamId, true, recv, peerInitialWindow);
                nextStreamId += 2;
                stream.requestHead = head;
                stream.headWritten = true;
                stream.localEnded = endStream;
                stream.declaredOutLength = declared;
                streams.put(stream.id(), stream);
                activeLocal++;
            } finally {
                lock.unlock();
            }
            Buffer block = new Buffer();
            encoder.encode(fields, head.neverIndexed(), block);
            writer.headers(stream.id(), endStream, block, peerMaxFrame());
            writer.flush();
            return stream;
        } catch (IOException e) {
            failFromWrite(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@return the failure of a field section larger than the peer's SETTINGS_MAX_HEADER_LIST_SIZE,
     * or null when it fits} Such a section is never sent: the peer would refuse it only after
     * decoding it, with a 431 or by resetting the stream or even the connection (RFC 9113
     * section 6.5.2). The message names the sizes, never a field. The caller holds {@code lock}.
     *
     * @param what {@code "request head"}, {@code "response head"} or {@code "trailers"}
     * @param outcome appended to the problem, e.g. {@code ", not sent,"}
     */
    @Nullable Http2StreamException aboveHeaderListSize(int streamId, String what,
            List<Headers.Field> fields, String outcome) {
        long max = peerSettings.value(Http2Settings.MAX_HEADER_LIST_SIZE, Long.MAX_VALUE);
        long size = Http2Fields.listSize(fields);
        if (size <= max) {
            return null;
        }
        return new Http2StreamException(streamId, Http2ErrorCode.INTERNAL_ERROR, what + " of "
                + size + " bytes above the peer's SETTINGS_MAX_HEADER_LIST_SIZE " + max
                + outcome);
    }

    private void checkOpenForNewStreams() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (goAwayReceived || goAwaySent) {
            throw new Http2ConnectionException(Http2ErrorCode.NO_ERROR,
                    "connection going away; open another", -1);
        }
    }

    /**
     * Sends a PING and waits for its acknowledgement.
     *
     * @return the round-trip time
     * @throws InterruptedIOException when {@code timeout} passes first (the connection is left
     *     as it is; the caller decides whether a silent peer is dead)
     * @throws IOException when the connection failed
     */
    public Duration ping(Duration timeout) throws IOException {
        long payload;
        lock.lock();
        try {
            payload = ++pingCounter;
        } finally {
            lock.unlock();
        }
        long start = System.nanoTime();
        send(w -> w.ping(false, payload));
        long deadline = start + timeout.toNanos();
        lock.lock();
        try {
            while (!pingAcks.remove((Long) payload)) {
                if (failure != null) {
                    throw failure;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new InterruptedIOException("no PING acknowledgement within " + timeout);
                }
                try {
                    streamsChanged.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for a PING ack");
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a graceful shutdown: sends GOAWAY (NO_ERROR) naming the last stream the peer opened,
     * so that those finish while no new ones are accepted (and {@link #newStream} refuses). The
     * connection closes when the last stream ends. Idempotent.
     */
    public void shutdown() throws IOException {
        int last;
        lock.lock();
        try {
            if (goAwaySent || failure != null) {
                return;
            }
            goAwaySent = true;
            goAwaySentLastId = lastPeerStreamId;
            last = lastPeerStreamId;
            streamsChanged.signalAll();
        } finally {
            lock.unlock();
        }
        send(w -> w.goAway(last, Http2ErrorCode.NO_ERROR, ByteString.EMPTY));
        closeIfDrained();
    }

    /**
     * Ends the connection at once: GOAWAY (NO_ERROR) as far as the socket allows, then the socket
     * is closed and every open stream fails. Idempotent.
     */
    @Override
    public void close() {
        fail(new Http2ConnectionException(Http2ErrorCode.NO_ERROR, "connection closed locally",
                -1));
    }

    /** {@return why the connection ended, or null while it is usable} */
    public @Nullable IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the SETTINGS the peer sent so far, merged} */
    public Http2Settings peerSettings() {
        lock.lock();
        try {
            return peerSettings;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return whether the peer sent its SETTINGS: it speaks HTTP/2} False on a connection that
     * failed before, e.g. an HTTP/1 server answering the client preface of h2c with prior
     * knowledge with a 400, which a caller may then try again over HTTP/1.1.
     */
    public boolean peerSpoke() {
        lock.lock();
        try {
            return peerSpoke;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the peer's SETTINGS arrive, the connection fails, or {@code timeout} passes.
     * {@return whether the peer spoke HTTP/2} A server sends its SETTINGS at once, before it
     * reads a request; an HTTP/1 server sent h2c's client preface sends nothing, or an error
     * and closes.
     *
     * @throws InterruptedIOException when the thread is interrupted
     */
    public boolean awaitPeerSettings(Duration timeout) throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!peerSpoke && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                streamsChanged.awaitNanos(left);
            }
            return peerSpoke;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the peer's SETTINGS");
        } finally {
            lock.unlock();
        }
    }

    /** {@return the number of open streams, both directions} */
    public int openStreams() {
        lock.lock();
        try {
            return streams.size();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the connection's name, as given to the builder} */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Http2Connection{" + name + ", " + role + "}";
    }

    // ---- flow-control credit and stream ends, used by streams and the reader ----

    /** Credits the windows for {@code n} bytes a stream's reader consumed. */
    void consumed(Http2Stream stream, long n) throws IOException {
        int streamUpdate = 0;
        int connUpdate;
        lock.lock();
        try {
            if (!stream.remoteEnded && stream.failure == null) {
                stream.unacked += n;
                if (stream.unacked >= limits.initialWindowSize() / 2) {
                    streamUpdate = (int) stream.unacked;
                    stream.recvWindow += stream.unacked;
                    stream.unacked = 0;
                }
            }
            connUpdate = creditConnection(n);
        } finally {
            lock.unlock();
        }
        sendWindowUpdates(stream.id(), streamUpdate, connUpdate);
    }

    /** Adds to the connection's consumed bytes; {@return the increment to send now, or 0} */
    int creditConnection(long n) {
        connUnacked += n;
        if (connUnacked >= limits.connectionWindowSize() / 2 && failure == null) {
            int update = (int) connUnacked;
            connRecvWindow += connUnacked;
            connUnacked = 0;
            return update;
        }
        return 0;
    }

    void sendWindowUpdates(int streamId, int streamUpdate, int connUpdate) throws IOException {
        if (streamUpdate == 0 && connUpdate == 0) {
            return;
        }
        send(w -> {
            if (streamUpdate > 0) {
                w.windowUpdate(streamId, streamUpdate);
            }
            if (connUpdate > 0) {
                w.windowUpdate(0, connUpdate);
            }
        });
    }

    /** The reader closed the body early: drop what is buffered and cancel if incomplete. */
    void abandonBody(Http2Stream stream) {
        boolean cancel;
        int connUpdate;
        lock.lock(); // guards localEnded too, read below after the lock is released
        try {
            if (stream.bodyAbandoned) {
                return;
            }
            stream.bodyAbandoned = true;
            cancel = !stream.remoteEnded && stream.failure == null;
            long dropped = stream.received.size();
            stream.received.clear();
            connUpdate = creditConnection(dropped);
        } finally {
            lock.unlock();
        }
        try {
            sendWindowUpdates(0, 0, connUpdate);
        } catch (IOException ignored) {
            // the connection failed; its streams learn it from failure
        }
        if (cancel) {
            // a response already complete is not cancelled: the peer is told to stop sending
            // (RFC 9113 section 8.1)
            Http2ErrorCode code = stream.localEnded ? Http2ErrorCode.NO_ERROR
                    : Http2ErrorCode.CANCEL;
            resetLocally(stream, code, "body closed before its end");
        }
    }

    void resetLocally(Http2Stream stream, Http2ErrorCode code, String problem) {
        resetLocally(stream, code, new Http2StreamException(stream.id(), code, problem));
    }

    /** Fails a stream with {@code e} and sends RST_STREAM, unless it is already closed. */
    void resetLocally(Http2Stream stream, Http2ErrorCode code, IOException e) {
        lock.lock();
        try {
            if (stream.closed || stream.failure != null) {
                return;
            }
            failStream(stream, e);
            resetByUs[resetCount++ % RESET_MEMORY] = stream.id();
        } finally {
            lock.unlock();
        }
        try {
            send(w -> w.rstStream(stream.id(), code));
        } catch (IOException ignored) {
            // the connection failed; its streams learn it from failure
        }
        closeIfDrained();
    }

    /**
     * Marks a stream failed and closed, drops its unread data (crediting the connection window
     * later with the next update) and wakes its threads. The caller holds {@code lock}.
     */
    void failStream(Http2Stream stream, IOException e) {
        stream.failure = e;
        if (!stream.remoteEnded) {
            connUnacked += stream.received.size();
            stream.received.clear();
        }
        removeStream(stream);
        stream.changed.signalAll();
    }

    /** Closes a stream whose both sides ended. */
    void closeIfDone(Http2Stream stream) {
        lock.lock();
        try {
            if (stream.localEnded && stream.remoteEnded && !stream.closed) {
                removeStream(stream);
            }
        } finally {
            lock.unlock();
        }
        closeIfDrained();
    }

    /**
     * Marks the inbound side of a stream ended, and closes the stream at once if its outbound side
     * ended too: a reader woken by the end then sees the stream gone, never still open. The caller
     * holds {@code lock}.
     */
    void endRemotely(Http2Stream stream) {
        stream.remoteEnded = true;
        if (stream.localEnded) {
            removeStream(stream);
        }
    }

    /** {@return whether this side recently reset stream {@code id}} The caller holds {@code lock}. */
    boolean resetByUs(int id) {
        for (int i = Math.min(resetCount, RESET_MEMORY) - 1; i >= 0; i--) {
            if (resetByUs[i] == id) {
                return true;
            }
        }
        return false;
    }

    void removeStream(Http2Stream stream) {
        if (stream.closed) {
            return;
        }
        stream.closed = true;
        streams.remove(stream.id());
        if (stream.isLocal()) {
            activeLocal--;
        } else {
            activePeer--;
        }
        streamsChanged.signalAll();
    }

    /** After a GOAWAY either way, closes the socket once no stream is open. */
    void closeIfDrained() {
        boolean drained;
        lock.lock();
        try {
            drained = (goAwaySent || goAwayReceived) && streams.isEmpty()
                    && acceptQueue.isEmpty() && failure == null;
            if (drained) {
                failure = new Http2ConnectionException(Http2ErrorCode.NO_ERROR,
                        "connection closed after GOAWAY", -1);
                streamsChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (drained) {
            closeSocket();
        }
    }

    // ---- used by the reader ----

    int peerMaxFrame() {
        lock.lock();
        try {
            return peerMaxFrame;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the id the next stream this endpoint opens gets} The caller holds {@code lock}. */
    int nextLocalStreamId() {
        return nextStreamId;
    }

    HpackEncoder encoder() {
        return encoder;
    }

    /** A stream the peer opened, ready for {@link #accept()}. The caller holds {@code lock}. */
    void enqueue(Http2Stream stream) {
        streams.put(stream.id(), stream);
        activePeer++;
        acceptQueue.add(stream);
        streamsChanged.signalAll();
    }

    void pingAcked(long payload) {
        lock.lock();
        try {
            pingAcks.add(payload);
            if (pingAcks.size() > 64) {
                pingAcks.remove(0); // acks nobody waits for any more
            }
            streamsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter: windows or settings changed. The caller holds {@code lock}. */
    void signalAll() {
        for (Http2Stream s : streams.values()) {
            s.changed.signalAll();
        }
        streamsChanged.signalAll();
    }

    /** Writes frames under the write lock and flushes. */
    void send(FrameWrites writes) throws IOException {
        writeLock.lock();
        try {
            writes.write(writer);
            writer.flush();
        } catch (IOException e) {
            failFromWrite(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Frames to write together. */
    @FunctionalInterface
    interface FrameWrites {
        void write(FrameWriter writer) throws IOException;
    }

    void failFromWrite(IOException e) {
        if (!(e instanceof Http2Exception)) {
            fail(e);
        }
    }

    /**
     * Ends the connection with {@code e}: a local connection error is sent as GOAWAY first; then
     * every open stream fails with {@code e} and the socket closes. Only the first call acts.
     */
    void fail(IOException e) {
        failKeepingSocket(e);
        closeSocket();
    }

    /** {@link #fail} without closing the socket, so the reader can drain the peer's input. */
    void failKeepingSocket(IOException e) {
        int last;
        lock.lock();
        try {
            if (failure != null) {
                return;
            }
            failure = e;
            last = lastPeerStreamId;
            for (Http2Stream s : List.copyOf(streams.values())) {
                failStream(s, e);
            }
            for (Http2Stream s : acceptQueue) {
                s.failure = e;
            }
            acceptQueue.clear();
            streamsChanged.signalAll();
        } finally {
            lock.unlock();
        }
        if (e instanceof Http2ConnectionException c && !c.remote() && lockWriterBriefly()) {
            try {
                String debug = c.getMessage();
                writer.goAway(last, c.errorCode(), ByteString.encodeUtf8(
                        debug.length() > 256 ? debug.substring(0, 256) : debug));
                writer.flush();
            } catch (IOException ignored) {
                // the peer is gone; closing is all that is left
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * Ends the connection with {@code e} from a thread other than the reader: GOAWAY now, the
     * socket closed after {@link Http2Inbound#LINGER_MILLIS}. Meanwhile the reader drops what
     * arrives (see {@link Http2Inbound}), so the peer can read the GOAWAY before the close.
     */
    void failLingering(Http2ConnectionException e) {
        failKeepingSocket(e);
        try {
            Thread.sleep(Http2Inbound.LINGER_MILLIS);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        } finally {
            closeSocket();
        }
    }

    /**
     * Takes the write lock if it comes free within {@link Http2Inbound#LINGER_MILLIS}: a writer
     * may hold it a moment (a GOAWAY must not be lost to that), or for ever while a peer that
     * does not read blocks its write (then the connection is closed without GOAWAY).
     */
    private boolean lockWriterBriefly() {
        try {
            return writeLock.tryLock(Http2Inbound.LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void closeSocket() {
        lock.lock();
        try {
            if (socketClosed) {
                return;
            }
            socketClosed = true;
        } finally {
            lock.unlock();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket that fails to close
        }
    }

    /** {@return whether the socket was closed} */
    boolean socketClosed() {
        lock.lock();
        try {
            return socketClosed;
        } finally {
            lock.unlock();
        }
    }

    /** The input ended cleanly: streams still open fail, the connection ends. */
    void inputEnded(long offset) {
        lock.lock();
        boolean open;
        try {
            open = !streams.isEmpty() || !acceptQueue.isEmpty();
        } finally {
            lock.unlock();
        }
        fail(open ? new EOFException("HTTP/2 connection closed by the peer at offset " + offset
                + " with streams open") : new Http2ConnectionException(Http2ErrorCode.NO_ERROR,
                "connection closed by the peer", offset));
    }

    /** Waits up to {@code nanos} for a change of state; the caller holds {@code lock}. */
    void awaitChange(long nanos) throws InterruptedException {
        streamsChanged.awaitNanos(nanos);
    }

    private void awaitStreams() throws InterruptedIOException {
        try {
            streamsChanged.await(1, TimeUnit.SECONDS); // bounded: re-checks state each second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting on " + name);
        }
    }

    /** A mutable builder of {@link Http2Connection}; not thread-safe. */
    public static final class Builder {
        private final Role role;
        private final BufferedSource source;
        private final BufferedSink sink;
        private final Closeable socket;
        private Http2Limits limits = Http2Limits.defaults();
        private String name = "h2";
        private @Nullable ThreadFactory threads;

        private Builder(Role role, BufferedSource source, BufferedSink sink, Closeable socket) {
            this.role = Objects.requireNonNull(role, "role");
            this.source = Objects.requireNonNull(source, "source");
            this.sink = Objects.requireNonNull(sink, "sink");
            this.socket = Objects.requireNonNull(socket, "socket");
        }

        /** Sets the limits (default {@link Http2Limits#defaults()}). */
        public Builder limits(Http2Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Sets the name used in thread names and messages, e.g. the connection id. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Sets the factory of the reader thread (default: a virtual thread named after it). */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /** {@return the connection, not yet started} */
        public Http2Connection build() {
            return new Http2Connection(this);
        }
    }
}
