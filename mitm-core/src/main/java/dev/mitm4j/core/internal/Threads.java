package dev.mitm4j.core.internal;

/**
 * Every thread mitm4j starts is started here: one virtual thread per listener, per client
 * connection, and per direction of a relayed stream. Names carry the connection id so that thread
 * dumps and logs point at the connection.
 */
public final class Threads {
    private Threads() {}

    /** Starts the accept loop of a listener. */
    public static Thread startAcceptor(String listenerName, Runnable loop) {
        return Thread.ofVirtual().name("mitm4j-accept " + listenerName).start(loop);
    }

    /** Starts the timeout watchdog of a listener. */
    public static Thread startWatchdog(String listenerName, Runnable loop) {
        return Thread.ofVirtual().name("mitm4j-watchdog " + listenerName).start(loop);
    }

    /** Starts the handler of one client connection. */
    public static Thread startConnection(String connectionId, Runnable handler) {
        return Thread.ofVirtual().name("mitm4j-conn " + connectionId).start(handler);
    }

    /** Starts the watcher of a client whose request waits for its server. */
    public static Thread startWatcher(String connectionId, Runnable watch) {
        return Thread.ofVirtual().name("mitm4j-watch " + connectionId).start(watch);
    }

    /** Starts one direction of a relay (TCP, tunnel, streamed body). */
    public static Thread startPump(String connectionId, String direction, Runnable pump) {
        return Thread.ofVirtual().name("mitm4j-pump " + connectionId + " " + direction)
                .start(pump);
    }
}
