package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.internal.Closer;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.ConnectionLimit;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.Threads;
import dev.mitm4j.core.ProxyMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound server socket for one mode: accepts on a virtual thread and starts one virtual thread
 * per connection, within the server's {@link ConnectionLimit}. Failed accepts are retried (see
 * {@link AcceptBackoff}). {@link #close()} stops accepting and closes every live connection; a
 * graceful shutdown ({@link GracefulClose}) stops accepting first and closes connections as
 * they go idle.
 */
public final class Listener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final ProxyMode mode;
    private final Services services;
    private final Layers layers;
    private final ServerSocket serverSocket;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile @Nullable Thread watchdog;

    /**
     * Binds {@code address} (port 0: any free port); its connections run stacks of
     * {@code layers}.
     */
    public Listener(ProxyMode mode, InetSocketAddress address, Services services, Layers layers)
            throws IOException {
        this.mode = mode;
        this.services = services;
        this.layers = layers;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address, 1024);
        services.ownAddresses().add(address());
    }

    /** {@return the address actually bound} */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** Starts accepting. */
    public void start() {
        String name = mode + "@" + address().getPort();
        services.threads().startAcceptor(name, this::acceptLoop);
        watchdog = services.threads().startWatchdog(name, this::watchLoop);
    }

    /** Closes connections idle for {@code tcp_timeout} or slower than the header timeout. */
    private void watchLoop() {
        long idle = services.timeouts().idle().toNanos();
        long tick = Math.clamp(Math.min(idle, services.timeouts().header().toNanos()) / 4,
                10_000_000L, 1_000_000_000L);
        while (!closed) {
            try {
                Thread.sleep(Duration.ofNanos(tick));
                closeExpired(idle);
            } catch (InterruptedException e) {
                return;
            } catch (OutOfMemoryError e) {
                // Another connection exhausted the heap; its failure frees it. Keep watching.
                LOG.error("timeout watchdog of {}: {}", address(), e.toString());
            }
        }
    }

    private void closeExpired(long idleNanos) {
        long now = System.nanoTime();
        for (Connection c : connections) {
            c.pollWait(now);
            String why = c.expired(now, idleNanos);
            if (why != null) {
                LOG.debug("{}: closing: {}", c.id(), why);
                c.close();
            }
        }
    }

    /**
     * Accepts until {@link #close()}. A failed accept (out of file descriptors, most often)
     * never ends the loop: {@link AcceptBackoff} waits and logs, and the pending connections
     * are accepted once descriptors are freed.
     */
    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff(address().toString(),
                services.connectionLimit().descriptors());
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException | OutOfMemoryError e) {
                if (closed || serverSocket.isClosed()) {
                    return;
                }
                try {
                    backoff.failed(e);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            backoff.succeeded();
            admit(socket);
        }
    }

    /**
     * Starts the connection's thread, or closes the socket at once when the server is at its
     * {@code connection_limit} (or cannot even start a thread).
     */
    private void admit(Socket socket) {
        ConnectionLimit limit = services.connectionLimit();
        if (!limit.tryAcquire()) {
            Closer.closeQuietly(socket);
            return;
        }
        try {
            ConnectionHandler handler = new ConnectionHandler(socket, mode, services, this);
            services.threads().startConnection(handler.id(), handler);
        } catch (RuntimeException | Error e) {
            // Out of memory, or a class that failed to load (LinkageError): this connection
            // ends, the accept loop goes on.
            limit.release();
            closeLastResort(socket);
            LOG.error("cannot start a connection on {}: {}", address(), e.toString());
        }
    }

    /**
     * Closes a client socket whatever failed before, with the JDK's classes only (this class is
     * loaded: it accepted the socket). A class of ours that could not be loaded (out of
     * descriptors, run from class directories) must not leak the socket. Closing a closed socket
     * does nothing.
     */
    static void closeLastResort(Socket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // Nothing left to do: the descriptor is released or was never ours.
        }
    }

    void track(Connection connection) {
        connections.add(connection);
        if (closed) {
            connection.close();
        }
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }

    /** Stops accepting: the port is released, accepted connections go on. */
    public void stopAccepting() {
        closed = true;
        Closer.closeQuietly(serverSocket);
    }

    /**
     * Closes every connection that {@code busy} does not keep open.
     *
     * @return how many connections are still open (their threads may still be ending)
     */
    public int closeUnless(Predicate<Connection> busy) {
        for (Connection c : connections) {
            if (!busy.test(c)) {
                c.close();
            }
        }
        return connections.size();
    }

    /**
     * Stops accepting, ends the watchdog and closes every live connection; the threads end
     * soon after (the server waits for them with {@link Threads#awaitEnded}).
     */
    @Override
    public void close() {
        stopAccepting();
        Thread w = watchdog;
        if (w != null) {
            w.interrupt();
        }
        for (Connection c : new ArrayList<>(connections)) {
            c.close();
        }
    }

    /** {@return the layers of this listener's connections} */
    Layers layers() {
        return layers;
    }
}
