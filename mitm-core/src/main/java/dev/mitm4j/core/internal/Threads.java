package dev.mitm4j.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads of one server, all started here: one virtual thread per listener's accept loop and
 * watchdog, per client connection, per direction of a relayed stream, per watched client and per
 * client replay. Names carry the connection id so that thread dumps and logs point at the
 * connection.
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
