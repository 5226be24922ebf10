package dev.mitm4j.core.internal;

import dev.mitm4j.core.internal.io.SocketStreams;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import okio.BufferedSink;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live client connection: its socket, buffered streams, and every upstream socket opened for
 * it, so that a kill or a server shutdown can close them all from another thread.
 *
 * <p>Streams are large-read okio buffers over the plain socket streams (not okio's socket
 * source, whose watchdog costs a lock per read). Timeouts are not socket timeouts (a timed read
 * on a virtual thread schedules and cancels a timer each time): the listener's watchdog closes
 * connections whose idle clock or header deadline ran out.
 */
public final class Connection implements Closeable {
    public static final Logger LOG = LoggerFactory.getLogger("dev.mitm4j.core.connection");

    private final String id;
    private final Threads threads;
    private final Socket socket;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Closeable> upstreams = new ArrayList<>(2);
    private boolean closed;
    private volatile long lastActive = System.nanoTime();
    private volatile long headDeadline;
    /** How many flows of this connection an addon holds (HTTP/2 streams run side by side). */
    private final AtomicInteger held = new AtomicInteger();
    /** The exchanges waiting for their servers (one on HTTP/1, one per stream on HTTP/2). */
    private final Set<UpstreamWait> waits = ConcurrentHashMap.newKeySet();
    /** Whether a read of the client waits for it to send (see {@link #awaitClient}). */
    private volatile boolean awaitingClient;

    public Connection(String id, Threads threads, Socket socket) throws IOException {
        this.id = id;
        this.threads = threads;
        this.socket = socket;
        this.source = SocketStreams.source(socket.getInputStream(), this::awaitingClient);
        this.sink = SocketStreams.sink(socket.getOutputStream());
    }

    private Connection(String id, Threads threads, Socket socket, BufferedSource source,
            BufferedSink sink) {
        this.id = id;
        this.threads = threads;
        this.socket = socket;
        this.source = source;
        this.sink = sink;
    }

    /**
     * {@return a connection with no client socket (an unconnected placeholder) and empty
     * client streams, for a flow the proxy injects itself (client replay): it still owns the
     * upstream sockets, so a kill closes them}
     */
    public static Connection detached(String id, Threads threads) {
        return new Connection(id, threads, new Socket(), new okio.Buffer(), new okio.Buffer());
    }

    public String id() {
        return id;
    }

    /** {@return the threads of the server this connection belongs to} */
    public Threads threads() {
        return threads;
    }

    public Socket socket() {
        return socket;
    }

    /**
     * {@return the client's address as users read it: {@code 127.0.0.1:50588},
     * {@code [::1]:50588}}
     */
    public String peer() {
        if (!(socket.getRemoteSocketAddress() instanceof InetSocketAddress address)) {
            return "unknown";
        }
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public BufferedSource clientSource() {
        return source;
    }

    public BufferedSink clientSink() {
        return sink;
    }

    /**
     * Waits until {@code source}, the client's stream (this connection's, or the decrypted one
     * of its TLS layer), holds {@code byteCount} bytes, as {@link BufferedSource#request} does.
     * Meanwhile the client's reads take small arrays (see {@link SocketStreams}): a connection
     * that waits for its client's next request, however large the last one was, holds no 64 KiB
     * array while it waits. Called by the one thread that reads the client at the time.
     *
     * @return false when the stream ended first
     */
    public boolean awaitClient(BufferedSource source, long byteCount) throws IOException {
        awaitingClient = true;
        try {
            return source.request(byteCount);
        } finally {
            awaitingClient = false;
        }
    }

    /** {@return whether a read of the client waits for it to send; for the client's sources} */
    public boolean awaitingClient() {
        return awaitingClient;
    }

    /** Records traffic or progress: the idle clock starts again. */
    public void active() {
        lastActive = System.nanoTime();
    }

    /**
     * A request head (or a TLS handshake) started arriving; it must be complete within
     * {@code timeoutNanos}, or the watchdog closes the connection. {@return the deadline, in
     * {@link System#nanoTime()} terms}
     */
    public long headStarted(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        headDeadline = deadline;
        return deadline;
    }

    /** The request head is complete. */
    public void headDone() {
        headDeadline = 0;
        lastActive = System.nanoTime();
    }

    /**
     * {@return whether this connection is between requests with nothing arriving: no request
     * head is being read and no traffic or progress was recorded within {@code quietNanos}
     * before {@code now}}
     */
    public boolean quiet(long now, long quietNanos) {
        return headDeadline == 0 && now - lastActive > quietNanos;
    }

    /** Whether a flow of this connection waits for resume/kill (no idle timeout meanwhile). */
    public void held(boolean isHeld) {
        if (isHeld) {
            held.incrementAndGet();
        } else {
            held.decrementAndGet();
        }
        lastActive = System.nanoTime();
    }

    /** An exchange waits for its server's response. */
    void waiting(UpstreamWait upstreamWait) {
        waits.add(upstreamWait);
        lastActive = System.nanoTime();
    }

    /** An exchange no longer waits for its server's response. */
    void waitOver(UpstreamWait upstreamWait) {
        waits.remove(upstreamWait);
        lastActive = System.nanoTime();
    }

    /** Lets the watchdog mind the exchange waiting for its server, if one is. */
    public void pollWait(long now) {
        for (UpstreamWait w : waits) {
            w.poll(now);
        }
    }

    /**
     * {@return why the watchdog should close this connection at {@code now}, or null} While an
     * exchange waits for its server, its {@link UpstreamWait} has the say instead of the idle
     * clock.
     *
     * @param idleNanos {@code tcp_timeout}
     */
    public @org.jspecify.annotations.Nullable String expired(long now, long idleNanos) {
        long deadline = headDeadline;
        if (deadline != 0 && now - deadline > 0) {
            return "request head not complete within the header timeout";
        }
        if (held.get() == 0 && waits.isEmpty() && now - lastActive > idleNanos) {
            return "idle for longer than tcp_timeout";
        }
        return null;
    }

    /** Registers an upstream resource to close with this connection; closes it at once if closed. */
    public void attach(Closeable upstream) {
        lock.lock();
        try {
            if (!closed) {
                upstreams.add(upstream);
                return;
            }
        } finally {
            lock.unlock();
        }
        Closer.closeQuietly(upstream);
    }

    /** Forgets an upstream resource closed by its owner. */
    public void detach(Closeable upstream) {
        lock.lock();
        try {
            upstreams.remove(upstream);
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether {@link #close()} ran} */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the client socket and every attached upstream; safe from any thread, repeatable. */
    @Override
    public void close() {
        List<Closeable> toClose;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(upstreams);
            upstreams.clear();
        } finally {
            lock.unlock();
        }
        for (Closeable c : toClose) {
            Closer.closeQuietly(c);
        }
        Closer.closeQuietly(socket);
    }

    @Override
    public String toString() {
        return id + " " + socket.getRemoteSocketAddress();
    }
}
