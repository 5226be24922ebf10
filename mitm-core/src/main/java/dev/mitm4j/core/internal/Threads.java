package dev.mitm4j.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The threads of one server, all started here: one virtual thread per listener's accept loop and
 * watchdog, per client connection, per direction of a relayed stream, per watched client, per
 * client replay, and per HTTP/2 connection's frame reader and stream. Names carry the
 * connection id so that thread dumps and logs point at the connection.
 *
 * <p>The server owns them: each one knows the server's {@link FlowRegistry} (so that
 * {@link dev.mitm4j.core.Streaming} finds the flows of the thread it is called on), and
 * {@link #awaitEnded} lets the server's close return only once they all ended, so that no event
 * is delivered after {@code done} and no thread outlives the server. Thread-safe.
 */
public final class Threads {
    private final FlowRegistry flows;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    public Threads(FlowRegistry flows) {
        this.flows = flows;
    }

    /** Starts the accept loop of a listener. */
    public Thread startAcceptor(String listenerName, Runnable loop) {
        return start("mitm4j-accept " + listenerName, loop);
    }

    /** Starts the timeout watchdog of a listener. */
    public Thread startWatchdog(String listenerName, Runnable loop) {
        return start("mitm4j-watchdog " + listenerName, loop);
    }

    /** Starts the handler of one client connection. */
    public Thread startConnection(String connectionId, Runnable handler) {
        return start("mitm4j-conn " + connectionId, handler);
    }

    /** Starts the watcher of a client whose request waits for its server. */
    Thread startWatcher(String connectionId, Runnable watch) {
        return start("mitm4j-watch " + connectionId, watch);
    }

    /** Starts one direction of a relay (TCP, tunnel, streamed body). */
    public Thread startPump(String connectionId, String direction, Runnable pump) {
        return start("mitm4j-pump " + connectionId + " " + direction, pump);
    }

    /**
     * {@return a factory of the threads an HTTP/2 connection of {@code connectionId} starts
     * itself (its frame reader): named, and owned by this server like the others}
     */
    public ThreadFactory http2(String connectionId) {
        return task -> {
            Thread thread = Thread.ofVirtual().name("mitm4j-h2 " + connectionId)
                    .unstarted(() -> run(task));
            running.add(thread); // joined by awaitEnded; an unstarted thread counts as ended
            return thread;
        };
    }

    /** Starts the exchange of one HTTP/2 stream of a client connection. */
    public Thread startStream(String connectionId, int streamId, Runnable exchange) {
        return start("mitm4j-stream " + connectionId + " " + streamId, exchange);
    }

    /** Starts one client replay. */
    public Thread startReplay(Runnable replay) {
        return start("mitm4j-replay", replay);
    }

    /**
     * Waits until every thread started here has ended, at most until {@code deadline}
     * ({@link System#nanoTime()} scale), except the calling thread (an addon may close the
     * server from an event). {@return the threads still running then}
     */
    public List<Thread> awaitEnded(long deadline) throws InterruptedException {
        while (true) {
            List<Thread> left = others();
            if (left.isEmpty()) {
                return left;
            }
            for (Thread t : left) {
                long millis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (millis <= 0 || !t.join(Duration.ofMillis(millis))) {
                    return others();
                }
                running.remove(t);
            }
        }
    }

    private List<Thread> others() {
        Thread self = Thread.currentThread();
        return running.stream().filter(t -> t != self).toList();
    }

    private Thread start(String name, Runnable task) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> run(task));
        running.add(thread);
        try {
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            running.remove(thread);
            throw e;
        }
        return thread;
    }

    private void run(Runnable task) {
        FlowRegistry.bindToCurrentThread(flows);
        try {
            task.run();
        } finally {
            // awaitEnded may join it meanwhile; its join returns once the thread terminated.
            running.remove(Thread.currentThread());
        }
    }
}
