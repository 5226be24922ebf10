package dev.mitm4j.core.spi;

import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Flow;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The bottom of a connection's context chain, and what a {@link Layer} may ask of the proxy:
 * the client connection, the immutable server configuration, the mode the client came in
 * through, the next layer, connections to servers, addon events, and the client connection's
 * life (idle clock, deadlines, half-close, kill, threads). The built-in layers use nothing else.
 *
 * <h2>Threads</h2>
 * A root belongs to one client connection. Its methods may be called from the connection's
 * thread and from the threads it starts with {@link #startThread}; {@link #kill()},
 * {@link #log()} and {@link #fire} from any thread.
 *
 * <h2>Errors</h2>
 * Network failures are {@link IOException}s, and a failed connection to a server is a
 * {@link dev.mitm4j.core.UpstreamConnectException} saying why (the reason a client's 502
 * shows). An exception thrown by an addon never reaches the layer that fired the event.
 */
public interface RootContext extends Context {

    /**
     * {@return the facts of the client connection: addresses, TLS, timestamps} Flows made on
     * this connection refer to it, so a layer that learns the client's real address (a PROXY
     * protocol header) sets {@link ClientConnection#peername} here, before the flows start.
     */
    @Override
    ClientConnection client();

    /** {@return the configuration captured when the server was built} */
    ProxyConfig config();

    /** {@return the mode of the listener that accepted this connection} */
    ProxyMode mode();

    /**
     * {@return the logger for connection events} Client mistakes and network failures belong
     * at DEBUG, what an operator must act on at WARN; messages never carry header values.
     */
    Logger log();

    /**
     * Chooses the layer for what the client sends next in {@code top}, by peeking (never
     * consuming) at its first bytes: the rules that need no bytes ({@code ignore_hosts} and
     * {@code allow_hosts} on the destination, {@code tcp_hosts} inside TLS), then the registered
     * {@link LayerSelector}s in order, then the proxy's own recognition of a TLS ClientHello or
     * an HTTP/1 request line (whose SNI or Host header {@code ignore_hosts} may match), or else
     * raw TCP; then every addon's {@code nextLayer} event may replace it.
     *
     * @param top the context the chosen layer will run in
     * @return the layer to run; never null
     * @throws IOException when peeking fails
     */
    Layer nextLayer(Context top) throws IOException;

    /**
     * Opens a connection to {@code destination} for this client connection: directly or through
     * the upstream proxy of {@code upstream:} mode, bound to {@code connect_addr}, within the
     * connect timeout, refusing the proxy's own listening addresses (which would loop). Fires
     * {@code server_connect}, then {@code server_connected} or {@code server_connect_error}
     * (and with {@link UpstreamConnection.Transport#TLS} the server TLS events); closing the
     * connection fires {@code server_disconnected}. Killing the client connection closes it.
     *
     * @param destination the server
     * @param transport what the connection carries
     * @return the open connection, owned by the caller
     * @throws dev.mitm4j.core.UpstreamConnectException saying why the server was not reached
     *     (refused, unknown host, timed out, the upstream proxy refused, the TLS handshake
     *     failed); nothing is left open then
     * @throws IOException when the connection failed otherwise
     */
    UpstreamConnection connect(Destination destination, UpstreamConnection.Transport transport)
            throws IOException;

    /**
     * {@return a TLS connection over {@code plain}, a {@link UpstreamConnection.Transport#TCP}
     * connection of this root, with the handshake as {@link UpstreamConnection.Transport#TLS}
     * makes it} Closing the result closes {@code plain}.
     *
     * @throws dev.mitm4j.core.UpstreamConnectException when the handshake failed, saying why;
     *     {@code plain} is closed then
     * @throws IllegalArgumentException when {@code plain} was not opened by this root
     */
    UpstreamConnection startTls(UpstreamConnection plain) throws IOException;

    /**
     * Delivers {@code hook} with {@code argument} to every addon, in registration order, on the
     * calling thread; returns when all ran. An addon that throws is logged at WARN with its
     * name and the event; the others still run.
     */
    <T> void fire(Hook<T> hook, T argument);

    /**
     * Registers {@code flow} as in progress on this client connection (see
     * {@link FlowInProgress}); close the result when the flow ended.
     */
    FlowInProgress inProgress(Flow flow);

    /**
     * Records progress on the connection: the idle clock ({@code tcp_timeout}), after which the
     * proxy closes a silent connection, starts again. A layer that moves bytes itself calls it
     * for each chunk.
     */
    void active();

    /**
     * {@return a limit of {@code timeout} on the step that starts now (a handshake, a header)}
     * See {@link Deadline}.
     */
    Deadline deadline(Duration timeout);

    /**
     * Flushes the socket's bytes, then ends the stream toward the client (TCP half-close) while
     * the client's bytes still arrive.
     *
     * @throws IOException when flushing or the shutdown failed
     */
    void shutdownOutput() throws IOException;

    /**
     * Closes the client connection and every server connection made for it, at once; a
     * blocked read or write on the connection's threads then fails. Repeatable, from any
     * thread.
     */
    void kill();

    /**
     * {@return a started virtual thread running {@code task} for this connection (one direction
     * of a relay, a watcher), named after the connection and {@code purpose}} The thread
     * belongs to the server: its close kills the connection, so that a task blocked on the
     * connection's streams ends, and waits for the thread. An exception the task throws is
     * logged at WARN.
     */
    Thread startThread(String purpose, Runnable task);
}
