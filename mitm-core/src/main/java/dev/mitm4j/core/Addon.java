package dev.mitm4j.core;

import dev.mitm4j.core.spi.NextLayer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.TcpFlow;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A proxy extension: one default no-op method per mitmproxy event hook (reference §3) that
 * applies to the protocols mitm4j carries. Override the ones you need.
 *
 * <h2>Order of events</h2>
 * <ol>
 *   <li>Lifecycle: {@link #load} when the server is built, {@link #configure} with the options,
 *       {@link #running} once every listener is bound, {@link #done} after the server closed.
 *   <li>Per client connection: {@link #clientConnected}, then the layers' events, then
 *       {@link #clientDisconnected}. Each upstream connection: {@link #serverConnect}, then either
 *       {@link #serverConnected} ... {@link #serverDisconnected} or {@link #serverConnectError}.
 *   <li>Before a layer is chosen for the client's next bytes: {@link #nextLayer}.
 *   <li>Per intercepted TLS stream: {@link #tlsClientHello}, then (when {@code upstream_cert} is
 *       on) the server handshake's {@link #tlsEstablishedServer} or {@link #tlsFailedServer},
 *       then {@link #tlsEstablishedClient} or {@link #tlsFailedClient}, then the events of the
 *       protocol inside.
 *   <li>Per HTTP request: {@link #requestHeaders} → (body) → {@link #request} → (upstream, unless
 *       an addon set a response) → {@link #responseHeaders} → (body) → {@link #response}. Any
 *       failure ends the flow with {@link #error} instead; a flow gets {@code response} or
 *       {@code error}, never both: after {@code response} the flow has ended, and a client
 *       that leaves while it is sent, or a kill while an addon holds the flow there, closes the
 *       connection without an {@code error}. One exception: a response that cannot be written
 *       at all (an addon set a status code HTTP/1 cannot carry) is withdrawn, the flow's
 *       response becomes null, the client gets a 502 and the flow {@code error}. A CONNECT
 *       request fires {@link #httpConnect} then {@link #httpConnected} or
 *       {@link #httpConnectError}.
 *   <li>Per raw TCP stream: {@link #tcpStart} → {@link #tcpMessage}* → {@link #tcpEnd} or
 *       {@link #tcpError}.
 * </ol>
 *
 * <h2>Threads</h2>
 * Connection and flow events run on the connection's virtual thread (TCP messages on the thread
 * of their direction), addon after addon in registration order. An addon may block: only its own
 * connection waits. Lifecycle events run on the thread that builds, starts or closes the server.
 * An addon shared by many connections must be thread-safe.
 *
 * <h2>Errors</h2>
 * When an addon throws, the exception is logged at WARN with the addon's {@link #name()} and the
 * event (without an SLF4J provider, which would drop the log, it is also printed to
 * {@code System.err} on one line), the remaining addons still run, and the flow goes on as if the
 * addon had returned.
 */
public interface Addon {

    /** {@return the name used in logs; the simple class name by default} */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    // ---- lifecycle ----

    /** The addon was added to a server being built. */
    default void load(ProxyConfig config) {}

    /** The options are known (at start-up, all of them). */
    default void configure(Options options) {}

    /** Every listener of the server is bound and accepting. */
    default void running() {}

    /** The server closed; the last event this addon receives. */
    default void done() {}

    // ---- connections ----

    /** A client connected. */
    default void clientConnected(ClientConnection client) {}

    /** A client's connection ended. */
    default void clientDisconnected(ClientConnection client) {}

    /** The proxy is about to connect to {@code server} for {@code client}. */
    default void serverConnect(ClientConnection client, ServerConnection server) {}

    /** The connection to {@code server} is established. */
    default void serverConnected(ClientConnection client, ServerConnection server) {}

    /** Connecting to {@code server} failed; its error says why. */
    default void serverConnectError(ClientConnection client, ServerConnection server) {}

    /** The connection to {@code server} ended. */
    default void serverDisconnected(ClientConnection client, ServerConnection server) {}

    /** A layer is being chosen; {@link NextLayer#layer(dev.mitm4j.core.spi.Layer)} replaces it. */
    default void nextLayer(NextLayer data) {}

    // ---- TLS ----

    /**
     * A client sent a TLS ClientHello (read, not consumed); {@link
     * ClientHelloData#ignoreConnection(boolean)} passes the connection through uninspected.
     */
    default void tlsClientHello(ClientHelloData data) {}

    /** The handshake with the client succeeded; {@code data.conn()} has the TLS facts. */
    default void tlsEstablishedClient(TlsData data) {}

    /** The handshake with a server succeeded; {@code data.conn()} has the TLS facts. */
    default void tlsEstablishedServer(TlsData data) {}

    /** The handshake with the client failed; {@code data.conn().error()} says why. */
    default void tlsFailedClient(TlsData data) {}

    /** The handshake with a server failed; {@code data.conn().error()} says why. */
    default void tlsFailedServer(TlsData data) {}

    // ---- HTTP ----

    /** A CONNECT request arrived; setting a non-2xx response refuses it. */
    default void httpConnect(HttpFlow flow) {}

    /** A CONNECT is about to be sent to an upstream proxy (add credentials here). */
    default void httpConnectUpstream(HttpFlow flow) {}

    /** A CONNECT succeeded; the tunnel is handed to the next layer. */
    default void httpConnected(HttpFlow flow) {}

    /** A CONNECT failed. */
    default void httpConnectError(HttpFlow flow) {}

    /** The request head was read; the body was not. Enable streaming here. */
    default void requestHeaders(HttpFlow flow) {}

    /** The whole request was read; setting a response here skips the upstream. */
    default void request(HttpFlow flow) {}

    /** The response head was read; the body was not. Enable streaming here. */
    default void responseHeaders(HttpFlow flow) {}

    /**
     * The whole response was read; it goes to the client after this event (a streamed response
     * went already). The flow has ended: no {@link #error} follows (see the order of events).
     */
    default void response(HttpFlow flow) {}

    /** The flow failed; {@code flow.error()} says why. */
    default void error(HttpFlow flow) {}

    // ---- SOCKS5 ----

    /**
     * A SOCKS5 client sent a username and password (RFC 1929); set {@code data.valid(true)} to
     * let it in. {@code data.valid()} starts as the verdict of the {@code proxyauth} option. The
     * socks5 mode asks for credentials only when {@code proxyauth} is set or some addon overrides
     * this method. Runs on the connection's thread before the SOCKS5 request is read.
     */
    default void socks5Auth(Socks5AuthData data) {}

    // ---- TCP ----

    /** A raw TCP stream started. */
    default void tcpStart(TcpFlow flow) {}

    /**
     * A message arrived: the last of {@code flow.messages()}. To change what is forwarded, replace
     * that last element; to drop the message, remove it (or give it empty content).
     */
    default void tcpMessage(TcpFlow flow) {}

    /**
     * The TCP stream ended: both sides closed, or the client closed or reset its end (leaving a
     * tunnel while the server still sends is a normal end, as in mitmproxy).
     */
    default void tcpEnd(TcpFlow flow) {}

    /** The TCP stream failed at the server's end or in TLS; {@code flow.error()} says why. */
    default void tcpError(TcpFlow flow) {}

    // ---- log ----

    /** The proxy logged something worth showing to users (INFO and above). */
    default void addLog(LogEntry entry) {}

    // ---- factories ----

    /**
     * {@return an addon named {@code name} that runs {@code action} on every {@link #request}}
     */
    static Addon onRequest(String name, Consumer<HttpFlow> action) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        return new Addon() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void request(HttpFlow flow) {
                action.accept(flow);
            }
        };
    }

    /**
     * {@return an addon named {@code name} that runs {@code action} on every {@link #response}}
     */
    static Addon onResponse(String name, Consumer<HttpFlow> action) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        return new Addon() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void response(HttpFlow flow) {
                action.accept(flow);
            }
        };
    }
}
