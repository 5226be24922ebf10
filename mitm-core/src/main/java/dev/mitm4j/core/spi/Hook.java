package dev.mitm4j.core.spi;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.Socks5AuthData;
import dev.mitm4j.core.TlsData;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One addon event with one argument: its name (mitmproxy's hook name, used in logs) and the way
 * it reaches one {@link Addon}. A layer fires it with {@link RootContext#fire(Hook, Object)}.
 *
 * <p>The constants are the proxy's own events; declare them once, so that firing allocates
 * nothing. A layer of a new protocol declares its own with {@link #of}, usually for an addon
 * interface of its own:
 *
 * <pre>{@code
 * static final Hook<Greeting> GREETING = Hook.of("greeting",
 *         (addon, greeting) -> { if (addon instanceof GreetingAddon g) g.greeting(greeting); });
 * }</pre>
 *
 * @param name the event's name in logs, such as {@code "tcp_start"}
 * @param call how the event reaches one addon
 * @param <T> the event's argument
 */
public record Hook<T>(String name, BiConsumer<Addon, T> call) {
    /** {@link Addon#clientConnected}. */
    public static final Hook<ClientConnection> CLIENT_CONNECTED =
            of("client_connected", Addon::clientConnected);
    /** {@link Addon#clientDisconnected}. */
    public static final Hook<ClientConnection> CLIENT_DISCONNECTED =
            of("client_disconnected", Addon::clientDisconnected);
    /** {@link Addon#nextLayer}. */
    public static final Hook<NextLayer> NEXT_LAYER = of("next_layer", Addon::nextLayer);
    /** {@link Addon#tlsClientHello}. */
    public static final Hook<ClientHelloData> TLS_CLIENTHELLO =
            of("tls_clienthello", Addon::tlsClientHello);
    /** {@link Addon#tlsEstablishedClient}. */
    public static final Hook<TlsData> TLS_ESTABLISHED_CLIENT =
            of("tls_established_client", Addon::tlsEstablishedClient);
    /** {@link Addon#tlsEstablishedServer}. */
    public static final Hook<TlsData> TLS_ESTABLISHED_SERVER =
            of("tls_established_server", Addon::tlsEstablishedServer);
    /** {@link Addon#tlsFailedClient}. */
    public static final Hook<TlsData> TLS_FAILED_CLIENT =
            of("tls_failed_client", Addon::tlsFailedClient);
    /** {@link Addon#tlsFailedServer}. */
    public static final Hook<TlsData> TLS_FAILED_SERVER =
            of("tls_failed_server", Addon::tlsFailedServer);
    /** {@link Addon#httpConnect}. */
    public static final Hook<HttpFlow> HTTP_CONNECT = of("http_connect", Addon::httpConnect);
    /** {@link Addon#httpConnectUpstream}. */
    public static final Hook<HttpFlow> HTTP_CONNECT_UPSTREAM =
            of("http_connect_upstream", Addon::httpConnectUpstream);
    /** {@link Addon#httpConnected}. */
    public static final Hook<HttpFlow> HTTP_CONNECTED =
            of("http_connected", Addon::httpConnected);
    /** {@link Addon#httpConnectError}. */
    public static final Hook<HttpFlow> HTTP_CONNECT_ERROR =
            of("http_connect_error", Addon::httpConnectError);
    /** {@link Addon#requestHeaders}. */
    public static final Hook<HttpFlow> REQUEST_HEADERS =
            of("requestheaders", Addon::requestHeaders);
    /** {@link Addon#request}. */
    public static final Hook<HttpFlow> REQUEST = of("request", Addon::request);
    /** {@link Addon#responseHeaders}. */
    public static final Hook<HttpFlow> RESPONSE_HEADERS =
            of("responseheaders", Addon::responseHeaders);
    /** {@link Addon#response}. */
    public static final Hook<HttpFlow> RESPONSE = of("response", Addon::response);
    /** {@link Addon#error}. */
    public static final Hook<HttpFlow> ERROR = of("error", Addon::error);
    /** {@link Addon#tcpStart}. */
    public static final Hook<TcpFlow> TCP_START = of("tcp_start", Addon::tcpStart);
    /** {@link Addon#tcpMessage}. */
    public static final Hook<TcpFlow> TCP_MESSAGE = of("tcp_message", Addon::tcpMessage);
    /** {@link Addon#tcpEnd}. */
    public static final Hook<TcpFlow> TCP_END = of("tcp_end", Addon::tcpEnd);
    /** {@link Addon#tcpError}. */
    public static final Hook<TcpFlow> TCP_ERROR = of("tcp_error", Addon::tcpError);
    /** {@link Addon#socks5Auth}. */
    public static final Hook<Socks5AuthData> SOCKS5_AUTH = of("socks5_auth", Addon::socks5Auth);
    /** {@link Addon#addLog}. */
    public static final Hook<LogEntry> ADD_LOG = of("add_log", Addon::addLog);

    /** Checks the parts. */
    public Hook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(call, "call");
    }

    /** {@return an event named {@code name} that reaches each addon through {@code call}} */
    public static <T> Hook<T> of(String name, BiConsumer<Addon, T> call) {
        return new Hook<>(name, call);
    }

    @Override
    public String toString() {
        return name;
    }
}
