package dev.mitm4j.http;

import dev.mitm4j.http.internal.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A network flow: the record of one exchange (an HTTP request and response, a TCP stream) plus
 * its client and server connections, as mitmproxy's {@code Flow}.
 *
 * <p><b>Threads.</b> The data (request, response, comment, metadata, ...) is touched by the
 * connection's own thread and by addons it calls; it is not thread-safe. Flow control is:
 * {@link #intercept()}, {@link #resume()} and {@link #kill()} may be called from any thread and
 * are guarded by an internal {@link ReentrantLock} (never {@code synchronized}, so virtual
 * threads do not pin).
 *
 * <p><b>Interception protocol for the proxy.</b> After running the addons of an event, the
 * connection thread calls {@link #awaitResume()}: it returns at once unless the flow is
 * intercepted, and otherwise blocks until another thread calls {@link #resume()} (returns
 * {@code true}: carry on) or {@link #kill()} (returns {@code false}: drop the flow). To close its
 * sockets promptly when a flow is killed while it is blocked elsewhere (e.g. reading a body), the
 * proxy registers a listener with {@link #onKill(Runnable)}.
 *
 * <p><b>Killing.</b> {@link #kill()} sets the error to {@link FlowError#KILLED_MESSAGE}, clears
 * {@code intercepted} and {@code live}, wakes a parked proxy thread and runs the kill listeners
 * on the calling thread. A flow is {@link #killable()} while live and not already killed.
 */
public abstract class Flow {
    /** The marker {@link #marked(boolean) marked(true)} sets, as mitmproxy's default. */
    public static final String DEFAULT_MARKER = ":default:";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    private final List<Runnable> killListeners = new ArrayList<>();
    private final String type;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private String id = Ids.randomUuid();
    private ClientConnection client;
    private ServerConnection server;
    private volatile @Nullable FlowError error;
    private boolean intercepted;
    private boolean live;
    private String marker = "";
    private String comment = "";
    private @Nullable String isReplay;
    private Instant timestampCreated = Instant.now();

    /**
     * Creates a flow of {@code type} ("http", "tcp", ...) between two connections.
     *
     * @param live whether a proxy is handling it now (false for flows loaded from a file)
     */
    protected Flow(String type, ClientConnection client, ServerConnection server, boolean live) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.live = live;
    }

    /** {@return the unique id, a random UUID unless set (e.g. when loaded from a file)} */
    public final String id() {
        return id;
    }

    /** Sets the id. */
    public final void id(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** {@return the flow type, as in mitmproxy's flow files: "http", "tcp", ...} */
    public final String type() {
        return type;
    }

    /** {@return the client side} */
    public final ClientConnection client() {
        return client;
    }

    /** Replaces the client side. */
    public final void client(ClientConnection client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** {@return the server side} */
    public final ServerConnection server() {
        return server;
    }

    /** Replaces the server side. */
    public final void server(ServerConnection server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /** {@return why the flow failed, or null} */
    public final @Nullable FlowError error() {
        return error;
    }

    /** Sets or clears the error. */
    public final void error(@Nullable FlowError error) {
        this.error = error;
    }

    /** {@return whether the flow is held until {@link #resume()} or {@link #kill()}} */
    public final boolean intercepted() {
        lock.lock();
        try {
            return intercepted;
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether a proxy is still handling this flow} */
    public final boolean live() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    /** Sets whether a proxy is handling this flow (the proxy clears it when done). */
    public final void live(boolean live) {
        lock.lock();
        try {
            this.live = live;
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether {@link #marker()} is non-empty} */
    public final boolean marked() {
        return !marker.isEmpty();
    }

    /** Marks with {@link #DEFAULT_MARKER}, or unmarks (marker ""). */
    public final void marked(boolean marked) {
        this.marker = marked ? DEFAULT_MARKER : "";
    }

    /** {@return the user's marker (mitmproxy ≥ 9 stores a string, often an emoji); "" if none} */
    public final String marker() {
        return marker;
    }

    /** Sets the marker; "" unmarks. */
    public final void marker(String marker) {
        this.marker = Objects.requireNonNull(marker, "marker");
    }

    /** {@return the user's comment, "" if none} */
    public final String comment() {
        return comment;
    }

    /** Sets the comment. */
    public final void comment(String comment) {
        this.comment = Objects.requireNonNull(comment, "comment");
    }

    /** {@return the mutable, insertion-ordered metadata map addons share} */
    public final Map<String, Object> metadata() {
        return metadata;
    }

    /** {@return "request" or "response" when this flow is a replay, else null} */
    public final @Nullable String isReplay() {
        return isReplay;
    }

    /**
     * Sets the replay kind.
     *
     * @throws IllegalArgumentException unless null, "request" or "response"
     */
    public final void isReplay(@Nullable String isReplay) {
        if (isReplay != null && !isReplay.equals("request") && !isReplay.equals("response")) {
            throw new IllegalArgumentException("isReplay must be null, \"request\" or "
                    + "\"response\"");
        }
        this.isReplay = isReplay;
    }

    /** {@return when this flow object was created} */
    public final Instant timestampCreated() {
        return timestampCreated;
    }

    /** Sets the creation time (for flows loaded from a file). */
    public final void timestampCreated(Instant timestampCreated) {
        this.timestampCreated = Objects.requireNonNull(timestampCreated, "timestampCreated");
    }

    /**
     * Holds the flow: the proxy thread parks in {@link #awaitResume()}. No-op if already held
     * or killed (a killed flow is never held again).
     */
    public final void intercept() {
        lock.lock();
        try {
            intercepted = !isKilled();
        } finally {
            lock.unlock();
        }
    }

    /** Releases an intercepted flow and wakes the proxy thread. No-op unless intercepted. */
    public final void resume() {
        lock.lock();
        try {
            if (intercepted) {
                intercepted = false;
                stateChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether {@link #kill()} is allowed: live and not already killed} */
    public final boolean killable() {
        lock.lock();
        try {
            return live && !isKilled();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Kills the flow (see the class comment) and runs the kill listeners on this thread. A
     * listener's exception does not stop the others; the first is rethrown afterwards.
     *
     * @throws IllegalStateException when the flow is not {@link #killable()}
     */
    public final void kill() {
        List<Runnable> listeners;
        lock.lock();
        try {
            if (!live || isKilled()) {
                throw new IllegalStateException("flow is not killable (live=" + live + ")");
            }
            error = FlowError.of(FlowError.KILLED_MESSAGE);
            intercepted = false;
            live = false;
            stateChanged.signalAll();
            listeners = List.copyOf(killListeners);
        } finally {
            lock.unlock();
        }
        runAll(listeners);
    }

    /**
     * Registers {@code listener} to run when the flow is killed, on the killing thread; it runs
     * at once on this thread if the flow is already killed. The proxy uses it to close sockets.
     *
     * @return a handle whose {@code run()} unregisters the listener
     */
    public final Runnable onKill(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            if (!isKilled()) {
                killListeners.add(listener);
                return () -> removeKillListener(listener);
            }
        } finally {
            lock.unlock();
        }
        listener.run();
        return () -> { };
    }

    /**
     * Blocks while the flow is intercepted. Called by the proxy's connection thread.
     *
     * @return true when the flow may proceed, false when it has been killed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public final boolean awaitResume() throws InterruptedException {
        lock.lock();
        try {
            while (intercepted && !isKilled()) {
                stateChanged.await();
            }
            return !isKilled();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #awaitResume()}, giving up after {@code timeout}.
     *
     * @return true when the flow may proceed, false when it was killed or is still intercepted
     *     after the timeout (check {@link #intercepted()} to tell them apart)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public final boolean awaitResume(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (intercepted && !isKilled()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = stateChanged.awaitNanos(nanos);
            }
            return !isKilled();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return when the flow started: the client connection's start, else its creation time}
     * {@link HttpFlow} uses the request's start instead.
     */
    public Instant timestampStart() {
        Instant start = client.timestampStart();
        return start != null ? start : timestampCreated;
    }

    /** Copies the flow-level fields of {@code from} (not id, connections or flow control). */
    protected final void copyFlowFieldsFrom(Flow from) {
        error = from.error;
        marker = from.marker;
        comment = from.comment;
        isReplay = from.isReplay;
        timestampCreated = from.timestampCreated;
        metadata.clear();
        metadata.putAll(from.metadata);
    }

    private boolean isKilled() {
        FlowError e = error;
        return e != null && e.isKilled();
    }

    private void removeKillListener(Runnable listener) {
        lock.lock();
        try {
            killListeners.remove(listener);
        } finally {
            lock.unlock();
        }
    }

    private static void runAll(List<Runnable> listeners) {
        RuntimeException first = null;
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
