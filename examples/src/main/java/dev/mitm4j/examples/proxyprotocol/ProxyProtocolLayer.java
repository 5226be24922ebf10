package dev.mitm4j.examples.proxyprotocol;

import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Deadline;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.http.ClientConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Reads the PROXY protocol header at the start of a client connection, sets the client
 * connection's addresses from it, and hands the rest of the bytes to the next layer, which the
 * proxy chooses as usual. Refuses, with a WARN line and by closing the connection, a malformed
 * header, a header from a peer that is not trusted, a header cut short or not complete within
 * the header timeout, and (when one is required) a connection without one. Built on the public
 * SPI only. Stateless: one instance serves every connection.
 */
final class ProxyProtocolLayer implements Layer {
    private final ProxyProtocolSelector settings;
    private final ProxyHeaderReader reader;

    ProxyProtocolLayer(ProxyProtocolSelector settings) {
        this.settings = settings;
        this.reader = new ProxyHeaderReader(settings.maxV2Length());
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RootContext root = context.root();
        InetSocketAddress peer = root.client().peername();
        ProxyHeader header;
        Duration timeout = root.config().headerTimeout();
        try (Deadline deadline = root.deadline(timeout)) {
            try {
                header = reader.read(context.clientSource());
            } catch (ProxyProtocolException e) {
                refuse(root, peer, e.getMessage());
                return;
            } catch (IOException e) {
                if (deadline.passed()) {
                    refuse(root, peer, "no complete header within the header timeout ("
                            + timeout.toSeconds() + " s)");
                    return;
                }
                throw e;
            }
        }
        Context next = context.with(ProxyProtocolSelector.CHECKED, Boolean.TRUE);
        if (header == null) {
            if (settings.required()) {
                refuse(root, peer, "the connection does not start with a PROXY protocol header");
                return;
            }
            chain.proceed(next);
            return;
        }
        if (peer == null || !settings.trusted().test(peer)) {
            refuse(root, peer, "a PROXY protocol header from a peer that is not trusted");
            return;
        }
        apply(root.client(), header);
        root.fire(ProxyProtocolAddon.PROXY_HEADER,
                new ProxyProtocolAddon.Received(root.client(), header));
        chain.proceed(next.with(ProxyProtocolSelector.HEADER, header));
    }

    /** A relayed client's addresses replace the load balancer's; LOCAL and UNKNOWN keep them. */
    private static void apply(ClientConnection client, ProxyHeader header) {
        if (header.source() != null) {
            client.peername(header.source());
            client.sockname(header.destination());
        }
    }

    private static void refuse(RootContext root, @org.jspecify.annotations.Nullable
            InetSocketAddress peer, String reason) {
        String message = "PROXY protocol: connection from " + peer + " refused: " + reason;
        root.log().warn("{}: {}", root.client().id(), message);
        root.fire(Hook.ADD_LOG, new LogEntry("warn", message));
    }

    @Override
    public String toString() {
        return "proxy-protocol";
    }
}
