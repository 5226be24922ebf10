package dev.mitm4j.core.internal.tls;

import dev.mitm4j.core.ClientHelloData;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.io.SocketStreams;
import dev.mitm4j.core.internal.tcp.PassthroughLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Deadline;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.tls.ClientHello;
import dev.mitm4j.tls.internal.engine.TlsConnection;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
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
 *
 * <p>A client that stalls in its ClientHello, or in the rest of its handshake, is closed after
 * the header timeout, as a slow request head is; the time spent with the server in between
 * ({@code upstream_cert}) does not count against it.
 *
 * <p>Stateless: one instance serves every connection of a server.
 */
public final class TlsLayer implements Layer {
    /** Set in the context above a TLS layer: the client streams there are decrypted. */
    public static final Context.Key<Boolean> CLIENT_TLS = Context.Key.of("clientTls", Boolean.class);
    private static final Layer PASSTHROUGH = new PassthroughLayer();

    private final TlsSetup setup;

    public TlsLayer(TlsSetup setup) {
        this.setup = setup;
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
        RootContext root = context.root();
        ClientConnection client = root.client();
        Destination destination = context.get(Context.DESTINATION);
        ClientHello hello;
        Duration timeout = root.config().headerTimeout();
        try (Deadline deadline = root.deadline(timeout)) {
            try {
                hello = HelloPeek.read(context.clientSource());
            } catch (IOException e) {
                if (deadline.passed()) {
                    throw new ProtocolException("no complete TLS ClientHello within the header "
                            + "timeout (" + timeout.toSeconds() + " s)");
                }
                throw e;
            }
        }
        client.tls(true);
        client.sni(hello.sni());
        client.alpnOffers(hello.alpnProtocols());
        if (passThrough(root, destination, hello)) {
            PASSTHROUGH.handle(chain);
            return;
        }
        intercept(chain, destination);
    }

    private boolean passThrough(RootContext root, @Nullable Destination destination,
            ClientHello hello) {
        ClientConnection client = root.client();
        String host = host(client, destination);
        boolean untrusted = setup.passThroughUntrusted(host);
        ClientHelloData data = new ClientHelloData(client, destination, hello, untrusted);
        root.fire(Hook.TLS_CLIENTHELLO, data);
        if (data.ignoreConnection() && destination != null) {
            root.log().debug("{}: passing TLS to {} through{}", client.id(), host,
                    untrusted ? " (its clients do not trust our CA)" : "");
            return true;
        }
        return false;
    }

    private void intercept(LayerChain chain, @Nullable Destination destination)
            throws IOException {
        Context context = chain.context();
        RootContext root = context.root();
        boolean serverTls = destination != null && serverSpeaksTls(root.mode());
        boolean upstreamFirst = serverTls && root.config().options().upstreamCert();
        UpstreamConnection server = null;
        boolean handedOn = false;
        try {
            if (upstreamFirst) {
                server = connectServer(context, destination);
            }
            ClientTls clientTls = new ClientTls(setup, root, destination);
            TlsConnection tls;
            try (Deadline deadline = root.deadline(root.config().headerTimeout())) {
                tls = clientTls.handshake(context, server == null ? null : server.server(),
                        deadline);
            }
            if (serverTls && !upstreamFirst) {
                server = connectServer(context, destination);
            }
            Context next = context
                    .with(Context.CLIENT_SOURCE, SocketStreams.source(tls.input(),
                            context.require(SocketStreams.CLIENT_WAITING)))
                    .with(Context.CLIENT_SINK, SocketStreams.sink(tls.output()))
                    .with(CLIENT_TLS, Boolean.TRUE);
            if (server != null) {
                next = next.with(Context.UPSTREAM, server);
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
     * {@return a TLS connection to the destination (the CONNECT's, made TLS), or null when that
     * failed (logged; the HTTP layer will try again and answer 502)}
     */
    private static @Nullable UpstreamConnection connectServer(Context context,
            Destination destination) {
        RootContext root = context.root();
        UpstreamConnection preopened = context.get(Context.UPSTREAM);
        try {
            if (preopened != null && !preopened.server().tls()) {
                return root.startTls(preopened);
            }
            return root.connect(destination, UpstreamConnection.Transport.TLS);
        } catch (UpstreamConnectException e) {
            root.log().debug("{}: server TLS failed: {}", root, e.getMessage());
            return null;
        } catch (IOException e) {
            root.log().debug("{}: server connection failed: {}", root, e.toString());
            return null;
        }
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

    @Override
    public String toString() {
        return "tls";
    }
}
