package dev.mitm4j.core.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * An exchange waiting for its server's response head, minded by the listener's watchdog
 * ({@link #poll}) so that neither side can wedge it:
 * <ul>
 *   <li>a server that sends nothing for the response timeout ({@code tcp_timeout}) has its
 *       socket's input shut down, which ends the exchange's blocked read; {@link #timedOut()}
 *       then tells the exchange to answer 504 instead of closing on the client;
 *   <li>a wait longer than {@link #WATCH_AFTER_MILLIS} starts a watcher thread that reads the
 *       client meanwhile: a client that leaves (end of stream, reset) closes the connection and
 *       with it the server connection at once, instead of leaving it waiting in CLOSE-WAIT until
 *       the timeout. Most responses arrive before that, and cost no thread.
 * </ul>
 * The watcher makes one read through the client's own buffered source, so bytes it reads (a
 * pipelined next request) stay in the buffer for the connection's thread. A client that sends
 * bytes is still there: the watcher then ends (such a client leaving later is only noticed by
 * the timeout), so that it never holds on to the client while its next request waits in the
 * buffer. The watcher's one read may still block after the response arrived: the connection's
 * thread calls {@link #awaitClientReads()} before it reads the client again, which waits just as
 * its own read would.
 *
 * An HTTP/2 stream's wait ({@link #beginOnStream}) reads nothing of the client, whose
 * connection carries other streams: the codec's reader sees the stream reset or the connection
 * end, and the watchdog, asking {@code clientLeft}, then closes only this exchange's server
 * socket.
 *
 * <p>Threads: {@link #begin}, {@link #progress}, {@link #close()} and
 * {@link #awaitClientReads()} on the exchange's thread; {@link #poll} on the watchdog's.
 */
public final class UpstreamWait implements AutoCloseable {
    /** How long a response may take before the client is watched. */
    public static final long WATCH_AFTER_MILLIS = 500;

    private enum State { WAITING, WATCHING, ANSWERED }

    private final Connection connection;
    private final Socket server;
    private final @Nullable BufferedSource client;
    private final @Nullable BooleanSupplier clientLeft;
    private final long timeoutNanos;
    private final long start = System.nanoTime();
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private volatile long lastProgress = start;
    private volatile boolean timedOut;
    private volatile boolean clientGone;
    private volatile @Nullable Thread watcher;

    private UpstreamWait(Connection connection, Socket server, @Nullable BufferedSource client,
            @Nullable BooleanSupplier clientLeft, long timeoutNanos) {
        this.connection = connection;
        this.server = server;
        this.client = client;
        this.clientLeft = clientLeft;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * {@return a wait for {@code server}'s response on {@code connection}, whose client reads
     * from {@code client}; the idle timeout is paused until {@link #close()}}
     *
     * @param timeoutNanos how long the server may stay silent ({@code tcp_timeout})
     */
    public static UpstreamWait begin(Connection connection, Socket server, BufferedSource client,
            long timeoutNanos) {
        UpstreamWait wait = new UpstreamWait(connection, server, client, null, timeoutNanos);
        connection.waiting(wait);
        return wait;
    }

    /**
     * {@return a wait for {@code server}'s response to one HTTP/2 stream of {@code connection}}
     *
     * @param clientLeft whether the client reset the stream or left meanwhile (asked by the
     *     watchdog; it must not block)
     * @param timeoutNanos how long the server may stay silent ({@code tcp_timeout})
     */
    public static UpstreamWait beginOnStream(Connection connection, Socket server,
            BooleanSupplier clientLeft, long timeoutNanos) {
        UpstreamWait wait = new UpstreamWait(connection, server, null, clientLeft, timeoutNanos);
        connection.waiting(wait);
        return wait;
    }

    /** The server sent an interim (1xx) response: it is alive, the timeout starts again. */
    public void progress() {
        lastProgress = System.nanoTime();
    }

    /** {@return whether the watchdog ended the wait because the server stayed silent} */
    public boolean timedOut() {
        return timedOut;
    }

    /** {@return whether the client left while the exchange waited} */
    public boolean clientGone() {
        return clientGone;
    }

    /** {@return how long the server may stay silent} */
    public long timeoutSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(timeoutNanos);
    }

    /** The wait is over (answered or failed): no more watching, the idle clock runs again. */
    @Override
    public void close() {
        state.set(State.ANSWERED);
        connection.waitOver(this);
    }

    /** Waits until the watcher's last read of the client returned; then the client is free. */
    public void awaitClientReads() {
        Thread w = watcher;
        if (w == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                w.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        watcher = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The watchdog's look at this wait at {@code now}. */
    void poll(long now) {
        if (now - lastProgress > timeoutNanos) {
            if (!timedOut && state.get() != State.ANSWERED) {
                timedOut = true;
                shutdownServerInput();
            }
            return;
        }
        if (clientLeft != null) {
            if (clientLeft.getAsBoolean() && state.compareAndSet(State.WAITING, State.WATCHING)) {
                clientGone = true;
                Closer.closeQuietly(server); // the exchange's read ends; the stream is gone
            }
            return;
        }
        if (now - start > TimeUnit.MILLISECONDS.toNanos(WATCH_AFTER_MILLIS)
                && state.compareAndSet(State.WAITING, State.WATCHING)) {
            watcher = connection.threads().startWatcher(connection.id(), this::watch);
        }
    }

    private void shutdownServerInput() {
        try {
            server.shutdownInput(); // the exchange's blocked read ends; it closes the socket
        } catch (IOException e) {
            Closer.closeQuietly(server);
        }
    }

    private void watch() {
        BufferedSource c = Objects.requireNonNull(client);
        try {
            if (!connection.awaitClient(c, c.getBuffer().size() + 1)) {
                left();
            }
        } catch (IOException e) {
            left();
        }
    }

    private void left() {
        if (state.get() == State.WATCHING) {
            clientGone = true;
            connection.close();
        }
    }
}
