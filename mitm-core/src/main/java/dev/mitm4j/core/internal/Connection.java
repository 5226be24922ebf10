package dev.mitm4j.core.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import okio.BufferedSink;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live client connection: its socket, buffered streams, and every upstream socket opened for
 * it, so that a kill or a server shutdown can close them all from another thread.
 *
 * <p>Streams are okio buffers over the plain socket streams (not okio's socket source, whose
 * watchdog costs a lock per read); timeouts are socket timeouts.
 */
public final class Connection implements Closeable {
    static final Logger LOG = LoggerFactory.getLogger("dev.mitm4j.core.connection");

    private final String id;
    private final Socket socket;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Closeable> upstreams = new ArrayList<>(2);
    private boolean closed;

    Connection(String id, Socket socket) throws IOException {
        this.id = id;
        this.socket = socket;
        this.source = SocketStreams.source(socket.getInputStream());
        this.sink = SocketStreams.sink(socket.getOutputStream());
    }

    public String id() {
        return id;
    }

    public Socket socket() {
        return socket;
    }

    BufferedSource clientSource() {
        return source;
    }

    BufferedSink clientSink() {
        return sink;
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
