package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.AddonChain.ServerHook;
import dev.mitm4j.core.internal.Closer;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.tls.ServerTls;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.ResponseHead;
import dev.mitm4j.tls.internal.HostNames;
import dev.mitm4j.tls.internal.engine.TlsConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import okio.BufferedSink;
import okio.BufferedSource;
import dev.mitm4j.core.internal.io.SocketStreams;
import org.jspecify.annotations.Nullable;

/**
 * Opens connections to servers for one client connection: directly, or through the upstream
 * proxy of {@code upstream:} mode (absolute-form for plain HTTP, CONNECT for tunnels and
 * https). Fires the server connection events and ties every socket to the client connection so
 * that a kill closes it.
 */
public final class UpstreamConnector {
    private final Services services;
    private final RootContext root;
    private final ClientConnection client;
    private final Connection connection;
    private final ProxyMode.@Nullable Upstream viaProxy;
    private final @Nullable String proxyAuthorization;

    public UpstreamConnector(Services services, RootContext root, Connection connection) {
        this.services = services;
        this.root = root;
        this.client = root.client();
        this.connection = connection;
        this.viaProxy = root.mode() instanceof ProxyMode.Upstream u ? u : null;
        String auth = services.options().upstreamAuth();
        this.proxyAuthorization = auth == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(auth.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@return the {@code Proxy-Authorization} value for the upstream proxy, or null} */
    @Nullable String proxyAuthorization() {
        return viaProxy == null ? null : proxyAuthorization;
    }

    /**
     * Opens a connection that carries {@code scheme} traffic to {@code destination}.
     *
     * @param tunnel true when the caller needs a raw byte stream to the destination (a relayed
     *     tunnel); false for HTTP requests, which may then go in absolute-form to an upstream proxy
     */
    public Upstream open(String scheme, Destination destination, boolean tunnel)
            throws IOException {
        return open(scheme, destination, tunnel, true);
    }

    /**
     * Opens a connection as {@link #open(String, Destination, boolean)} does; with
     * {@code mayOfferH2} false, TLS offers the server {@code http/1.1} alone (a request that asks
     * to upgrade the connection, which HTTP/2 cannot carry).
     */
    Upstream open(String scheme, Destination destination, boolean tunnel, boolean mayOfferH2)
            throws IOException {
        ServerConnection server = new ServerConnection();
        server.address(InetSocketAddress.createUnresolved(destination.host(), destination.port()));
        services.addons().fireServer(ServerHook.CONNECT, client, server);
        Destination dialed = viaProxy == null ? destination
                : new Destination(viaProxy.host(), viaProxy.port());
        Socket socket = new Socket();
        try {
            server.timestampStart(Instant.now());
            connection.attach(socket);
            dial(socket, dialed);
            boolean absoluteForm = viaProxy != null && !tunnel && scheme.equals("http");
            Upstream upstream = wire(socket, scheme, destination, server, absoluteForm);
            if (viaProxy != null && !absoluteForm) {
                sendConnect(upstream, destination);
            }
            if (scheme.equals("https")) {
                upstream = startTls(upstream, mayOfferH2);
            }
            services.addons().fireServer(ServerHook.CONNECTED, client, server);
            return upstream;
        } catch (IOException e) {
            connection.detach(socket);
            Closer.closeQuietly(socket);
            server.error(e.getMessage());
            services.addons().fireServer(ServerHook.CONNECT_ERROR, client, server);
            throw e instanceof UpstreamConnectException ? e
                    : new UpstreamConnectException(destination.authority(), reason(e), e);
        }
    }

    private void dial(Socket socket, Destination dialed) throws IOException {
        InetSocketAddress address = new InetSocketAddress(dialed.host(), dialed.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(dialed.host());
        }
        if (services.ownAddresses().contains(address)) {
            throw new UpstreamConnectException(dialed.authority(), "that is this proxy's own "
                    + "address, and a request to the proxy itself would loop back into it");
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE,
                services.timeouts().connect().toMillis());
        String local = services.options().connectAddr();
        if (local != null) {
            socket.bind(new InetSocketAddress(HostNames.stripBrackets(local), 0));
        }
        socket.connect(address, timeout);
        socket.setTcpNoDelay(true);
    }

    Upstream wire(Socket socket, String scheme, Destination destination, ServerConnection server,
            boolean absoluteForm) throws IOException {
        server.peername((InetSocketAddress) socket.getRemoteSocketAddress());
        server.sockname((InetSocketAddress) socket.getLocalSocketAddress());
        server.timestampTcpSetup(Instant.now());
        BufferedSource source = SocketStreams.source(socket.getInputStream());
        BufferedSink sink = SocketStreams.sink(socket.getOutputStream());
        return new Upstream(destination, scheme, socket, source, sink, server, absoluteForm,
                () -> closed(socket, server));
    }

    /** {@return the server-wide services} */
    /** {@return the id of the client connection these server connections serve} */
    String connectionId() {
        return connection.id();
    }

    public Services services() {
        return services;
    }

    /**
     * {@return an https connection over {@code plain}, the TLS handshake made as configured}
     *
     * @throws dev.mitm4j.core.UpstreamConnectException saying why the handshake failed;
     *     {@code plain} is closed then
     */
    public Upstream startTls(Upstream plain) throws IOException {
        return startTls(plain, true);
    }

    private Upstream startTls(Upstream plain, boolean mayOfferH2) throws IOException {
        TlsConnection tls = ServerTls.handshake(services.tls(), root, plain, mayOfferH2);
        return overTls(plain, tls.input(), tls.output());
    }

    /**
     * {@return an https connection over {@code plain}'s socket whose bytes go through {@code in}
     * and {@code out} (a TLS engine's plaintext streams); closing it closes {@code plain}}
     */
    private static Upstream overTls(Upstream plain, java.io.InputStream in,
            java.io.OutputStream out) {
        return new Upstream(plain.destination(), "https", plain.socket(),
                SocketStreams.source(in), SocketStreams.sink(out), plain.server(), false,
                plain::close);
    }

    private void closed(Socket socket, ServerConnection server) {
        connection.detach(socket);
        if (!socket.isClosed()) {
            Closer.closeQuietly(socket);
            server.timestampEnd(Instant.now());
            services.addons().fireServer(ServerHook.DISCONNECTED, client, server);
        }
    }

    private void sendConnect(Upstream upstream, Destination destination) throws IOException {
        Headers headers = new Headers();
        if (services.options().httpConnectSendHostHeader()) {
            headers.add("Host", destination.authority());
        }
        if (proxyAuthorization != null) {
            headers.add("Proxy-Authorization", proxyAuthorization);
        }
        try {
            upstream.writer().sendRequestHead("CONNECT", destination.authority(), "HTTP/1.1",
                    headers);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("request", upstream.writer(), e);
        }
        Http1Reader reader = upstream.reader(services.limits());
        ResponseHead head = reader.readResponseHead();
        reader.body(BodyFraming.NONE);
        if (head.code() < 200 || head.code() > 299) {
            throw new UpstreamConnectException(destination.authority(),
                    "upstream proxy answered CONNECT with " + head.code() + " " + head.reason());
        }
    }

    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "connect timed out";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
