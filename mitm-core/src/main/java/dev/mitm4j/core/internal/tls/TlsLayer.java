package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.internal.http.UpstreamConnector;
import dev.mitm4j.core.internal.tcp.PassthroughLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.tls.ClientHello;
import dev.mitm4j.tls.internal.engine.TlsConnection;
import java.io.IOException;
import java.net.ProtocolException;
import dev.mitm4j.core.internal.SocketStreams;
import org.jspecify.annotations.Nullable;

/**
 * Intercepts a TLS stream whose ClientHello the next-layer choice peeked (after a CONNECT, in
 * SOCKS5, on a reverse listener):
 * <ol>
 *   <li>read the ClientHello without consuming it and fire {@code tls_clienthello}; an addon (or
 *       {@code tls_passthrough_untrusted}) may pass the stream through instead;
 *   <li>when {@code upstream_cert} is on and the server speaks TLS, handshake with the server
 *       first, with the client's SNI and ALPN offer, to learn the real certificate;
 *   <li>make the leaf (names from the upstream certificate, SNI or local address, target address)
 *       and finish the client's handshake with it;
 *   <li>hand the decrypted streams to the next layer (HTTP/1, where requests get scheme https),
 *       with the server connection already open when there is one.
 * </ol>
 * A failed server handshake does not stop the client's: the HTTP layer then tries the server
 * again for the first request and answers 502 saying why, as mitmproxy does.
 */
public final class TlsLayer implements Layer {
    /** Set in the context above a TLS layer: the client streams there are decrypted. */
    public static final Context.Key<Boolean> CLIENT_TLS = Context.Key.of("clientTls", Boolean.class);

    private final Services services;

    public TlsLayer(Services services) {
        this.services = services;
    }

    /** {@return whether {@code context} lies inside an intercepted client TLS stream} */
    public static boolean insideClientTls(Context context) {
        return Boolean.TRUE.equals(context.get(CLIENT_TLS));
    }

    /**
     * {@return the ClientHello at the start of {@code source}, left unconsumed}
     *
     * @throws dev.mitm4j.tls.ClientHelloException when the bytes are not a valid ClientHello
     */
    public static ClientHello peekHello(okio.BufferedSource source) throws IOException {
        return HelloPeek.read(source);
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RealRootContext root = (RealRootContext) context.root();
        ClientConnection client = root.client();
        Destination destination = context.get(Context.DESTINATION);
        ClientHello hello;
        long deadline = root.connection().headStarted(handshakeNanos());
        try {
            hello = HelloPeek.read(context.clientSource());
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw new ProtocolException("no complete TLS ClientHello within the header "
                        + "timeout (" + services.timeouts().header().toSeconds() + " s)");
            }
            throw e;
        } finally {
            root.connection().headDone();
        }
        client.tls(true);
        client.sni(hello.sni());
        client.alpnOffers(hello.alpnProtocols());
        if (passThrough(client, destination, hello)) {
            new PassthroughLayer(services).handle(chain);
            return;
        }
        intercept(chain, root, destination);
    }

    private boolean passThrough(ClientConnection client, @Nullable Destination destination,
            ClientHello hello) {
        String host = host(client, destination);
        boolean untrusted = services.tls().passThroughUntrusted(host);
        ClientHelloData data = new ClientHelloData(client, destination, hello, untrusted);
        services.addons().fire(Hook.TLS_CLIENTHELLO, data);
        if (data.ignoreConnection() && destination != null) {
            services.log().debug("{}: passing TLS to {} through{}", root(client), host,
                    untrusted ? " (its clients do not trust our CA)" : "");
            return true;
        }
        return false;
    }

    private void intercept(LayerChain chain, RealRootContext root,
            @Nullable Destination destination) throws IOException {
        Context context = chain.context();
        boolean serverTls = destination != null && serverSpeaksTls(root.mode());
        boolean upstreamFirst = serverTls && services.options().upstreamCert();
        UpstreamConnector connector = new UpstreamConnector(services, root);
        Upstream server = null;
        boolean handedOn = false;
        try {
            if (upstreamFirst) {
                server = connectServer(connector, context, destination);
            }
            ClientTls clientTls = new ClientTls(services, root.client(), destination);
            TlsConnection tls;
            long deadline = root.connection().headStarted(handshakeNanos());
            try {
                tls = clientTls.handshake(context, server, deadline);
            } finally {
                root.connection().headDone();
            }
            if (serverTls && !upstreamFirst) {
                server = connectServer(connector, context, destination);
            }
            Context next = context
                    .with(Context.CLIENT_SOURCE, SocketStreams.source(tls.input(),
                            root.connection()::awaitingClient))
                    .with(Context.CLIENT_SINK, SocketStreams.sink(tls.output()))
                    .with(CLIENT_TLS, Boolean.TRUE);
            if (server != null) {
                next = next.with(Upstream.PREOPENED, server);
            }
            handedOn = true;
            chain.proceed(next);
        } finally {
            if (!handedOn && server != null) {
                server.close();
            }
        }
    }

    /**
     * {@return how long a client may take over its ClientHello, and again over the rest of its
     * handshake: the header timeout, as for an HTTP request head} A client that stalls in either
     * is closed by the listener's watchdog; the time the proxy spends with the server in between
     * ({@code upstream_cert}) does not count against the client.
     */
    private long handshakeNanos() {
        return services.timeouts().header().toNanos();
    }

    /**
     * {@return an https connection to the destination (the CONNECT's, made TLS), or null when
     * that failed (logged; the HTTP layer will try again and answer 502)}
     */
    private @Nullable Upstream connectServer(UpstreamConnector connector, Context context,
            Destination destination) {
        Upstream preopened = context.get(Upstream.PREOPENED);
        try {
            if (preopened != null && !"https".equals(schemeOf(preopened))) {
                return ServerTls.handshake(preopened, connector);
            }
            return connector.open("https", destination, false);
        } catch (UpstreamConnectException e) {
            services.log().debug("{}: server TLS failed: {}", context.root(), e.getMessage());
            return null;
        } catch (IOException e) {
            services.log().debug("{}: server connection failed: {}", context.root(), e.toString());
            return null;
        }
    }

    private static String schemeOf(Upstream upstream) {
        return upstream.server().tls() ? "https" : "http";
    }

    /** Tunnels and SOCKS5 reach TLS servers; reverse mode only with an https:// upstream. */
    private static boolean serverSpeaksTls(ProxyMode mode) {
        return !(mode instanceof ProxyMode.Reverse r) || r.scheme().equals("https");
    }

    static String host(ClientConnection client, @Nullable Destination destination) {
        if (client.sni() != null) {
            return client.sni();
        }
        if (destination != null) {
            return destination.host();
        }
        return client.sockname() == null ? "unknown" : client.sockname().getHostString();
    }

    private static String root(ClientConnection client) {
        return client.id();
    }

    @Override
    public String toString() {
        return "tls";
    }
}
