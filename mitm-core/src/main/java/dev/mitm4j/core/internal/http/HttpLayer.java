package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.tls.TlsLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1 between the client and the proxy, one request after the other on a keep-alive
 * connection. Without a destination in its context it is a proxy's front door (absolute-form
 * requests and CONNECT); with one (reverse mode, inside a tunnel) it serves origin-form requests
 * for that destination. A CONNECT hands the tunnel to the next layer.
 *
 * <p>The upstream connection is kept while consecutive requests go to the same server.
 */
public final class HttpLayer implements Layer {
    /**
     * Set in the context of a tunnel whose CONNECT passed {@code proxyauth}: the requests inside
     * need no credentials of their own (as in mitmproxy, the tunnel is authenticated once).
     */
    static final Context.Key<Boolean> TUNNEL_AUTHENTICATED =
            Context.Key.of("tunnelAuthenticated", Boolean.class);

    private final Services services;

    public HttpLayer(Services services) {
        this.services = services;
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RealRootContext root = (RealRootContext) context.root();
        Http1Reader reader = new Http1Reader(context.clientSource(), services.limits());
        ClientSide client = new ClientSide(context, root.connection(), reader, services);
        UpstreamConnector connector = new UpstreamConnector(services, root);
        Destination destination = context.get(Context.DESTINATION);
        Upstreams upstreams = new Upstreams(connector, context.get(Upstreams.PREOPENED));
        boolean authenticated = Boolean.TRUE.equals(context.get(TUNNEL_AUTHENTICATED));
        try {
            while (true) {
                RequestHead head = readHead(client);
                if (head == null) {
                    return;
                }
                Exchange exchange = new Exchange(services, root, client, upstreams, destination,
                        TlsLayer.insideClientTls(context), authenticated);
                Exchange.Outcome outcome = exchange.run(head);
                root.connection().active();
                if (outcome instanceof Exchange.Outcome.Tunnel tunnel) {
                    // Only a CONNECT that passed proxyauth (when it is on) opens a tunnel.
                    Context next = context.with(Context.DESTINATION, tunnel.destination())
                            .with(TUNNEL_AUTHENTICATED, Boolean.TRUE);
                    if (tunnel.upstream() != null) {
                        next = next.with(Upstreams.PREOPENED, tunnel.upstream());
                    }
                    upstreams.release(tunnel.upstream());
                    chain.proceed(next);
                    return;
                }
                if (outcome == Exchange.Outcome.Close.INSTANCE) {
                    return;
                }
            }
        } finally {
            upstreams.close();
        }
    }

    /** Reads the next request head; answers a malformed one with 400 and returns null. */
    private @Nullable RequestHead readHead(ClientSide client) throws IOException {
        if (!client.awaitRequest()) {
            return null;
        }
        try {
            return client.readHead();
        } catch (HttpParseException e) {
            client.rejectMalformed("request", e);
            return null;
        }
    }

    @Override
    public String toString() {
        return "http1";
    }
}
