package dev.mitm4j.core.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.TlsData;
import dev.mitm4j.core.spi.NextLayer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import java.util.function.BiConsumer;

/**
 * One addon event with one argument: its name for logs and the method it calls. Declared once
 * as constants, so firing an event allocates nothing.
 *
 * @param name the mitmproxy-style hook name
 * @param call how to deliver the event to one addon
 * @param <T> the event argument
 */
public record Hook<T>(String name, BiConsumer<Addon, T> call) {
    public static final Hook<ClientConnection> CLIENT_CONNECTED =
            new Hook<>("client_connected", Addon::clientConnected);
    public static final Hook<ClientConnection> CLIENT_DISCONNECTED =
            new Hook<>("client_disconnected", Addon::clientDisconnected);
    public static final Hook<NextLayer> NEXT_LAYER = new Hook<>("next_layer", Addon::nextLayer);
    public static final Hook<ClientHelloData> TLS_CLIENTHELLO =
            new Hook<>("tls_clienthello", Addon::tlsClientHello);
    public static final Hook<TlsData> TLS_ESTABLISHED_CLIENT =
            new Hook<>("tls_established_client", Addon::tlsEstablishedClient);
    public static final Hook<TlsData> TLS_ESTABLISHED_SERVER =
            new Hook<>("tls_established_server", Addon::tlsEstablishedServer);
    public static final Hook<TlsData> TLS_FAILED_CLIENT =
            new Hook<>("tls_failed_client", Addon::tlsFailedClient);
    public static final Hook<TlsData> TLS_FAILED_SERVER =
            new Hook<>("tls_failed_server", Addon::tlsFailedServer);
    public static final Hook<HttpFlow> HTTP_CONNECT =
            new Hook<>("http_connect", Addon::httpConnect);
    public static final Hook<HttpFlow> HTTP_CONNECT_UPSTREAM =
            new Hook<>("http_connect_upstream", Addon::httpConnectUpstream);
    public static final Hook<HttpFlow> HTTP_CONNECTED =
            new Hook<>("http_connected", Addon::httpConnected);
    public static final Hook<HttpFlow> HTTP_CONNECT_ERROR =
            new Hook<>("http_connect_error", Addon::httpConnectError);
    public static final Hook<HttpFlow> REQUEST_HEADERS =
            new Hook<>("requestheaders", Addon::requestHeaders);
    public static final Hook<HttpFlow> REQUEST = new Hook<>("request", Addon::request);
    public static final Hook<HttpFlow> RESPONSE_HEADERS =
            new Hook<>("responseheaders", Addon::responseHeaders);
    public static final Hook<HttpFlow> RESPONSE = new Hook<>("response", Addon::response);
    public static final Hook<HttpFlow> ERROR = new Hook<>("error", Addon::error);
    public static final Hook<TcpFlow> TCP_START = new Hook<>("tcp_start", Addon::tcpStart);
    public static final Hook<TcpFlow> TCP_MESSAGE = new Hook<>("tcp_message", Addon::tcpMessage);
    public static final Hook<TcpFlow> TCP_END = new Hook<>("tcp_end", Addon::tcpEnd);
    public static final Hook<TcpFlow> TCP_ERROR = new Hook<>("tcp_error", Addon::tcpError);
    public static final Hook<dev.mitm4j.core.Socks5AuthData> SOCKS5_AUTH =
            new Hook<>("socks5_auth", Addon::socks5Auth);
    public static final Hook<LogEntry> ADD_LOG = new Hook<>("add_log", Addon::addLog);
}
