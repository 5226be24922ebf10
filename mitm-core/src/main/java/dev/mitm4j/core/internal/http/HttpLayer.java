package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.auth.BasicAuth;
import dev.mitm4j.core.internal.tcp.Relay;
import dev.mitm4j.core.internal.tls.TlsLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1 between the client and the proxy, one request after the other on a keep-alive
 * connection. Per request: the head (400 when malformed), its target (see {@link Targets}; 400
 * when it does not fit), {@code proxyauth} (407), then one {@link HttpStream} runs the flow; the
 * connection then reads the next request, closes, becomes a CONNECT tunnel for the next layer,
 * or relays both connections after a 101.
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
    private final Connection connection;

    /** {@code connection} is the client connection this layer serves (one layer per connection). */
    public HttpLayer(Services services, Connection connection) {
        this.services = services;
        this.connection = connection;
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RootContext root = context.root();
        Http1ClientLeg client = new Http1ClientLeg(context, connection, services);
        Upstreams upstreams = new Upstreams(new UpstreamConnector(services, root, connection),
                preopened(context));
        Targets targets = new Targets(root.mode(), context.get(Context.DESTINATION),
                TlsLayer.insideClientTls(context), services.options().keepHostHeader());
        BasicAuth auth = Boolean.TRUE.equals(context.get(TUNNEL_AUTHENTICATED)) ? null
                : services.auth(root.mode());
        try {
            while (true) {
                RequestHead head = readHead(client);
                Request request = head == null ? null : request(client, targets, head);
                if (request == null || !authorized(client, auth, head, request)) {
                    return;
                }
                client.begin(head);
                HttpFlow flow = new HttpFlow(root.client(), upstreams.currentServer(), request);
                HttpStream.Outcome outcome =
                        new HttpStream(services, flow, client, upstreams).run();
                connection.active();
                switch (outcome) {
                    case HttpStream.Outcome.Tunnel tunnel -> {
                        // Only a CONNECT that passed proxyauth (when it is on) opens a tunnel.
                        Context next = context.with(Context.DESTINATION, tunnel.destination())
                                .with(TUNNEL_AUTHENTICATED, Boolean.TRUE);
                        if (tunnel.upstream() != null) {
                            next = next.with(Context.UPSTREAM, tunnel.upstream());
                        }
                        upstreams.release(tunnel.upstream());
                        chain.proceed(next);
                        return;
                    }
                    case HttpStream.Outcome.Switched switched -> {
                        relay(root, client, switched.upstream());
                        return;
                    }
                    case HttpStream.Outcome.Close close -> {
                        return;
                    }
                    case HttpStream.Outcome.Ended ended -> {
                        if (!client.keepAlive()) {
                            return;
                        }
                    }
                }
            }
        } finally {
            upstreams.close();
        }
    }

    /** Reads the next request head; answers a malformed one with 400 and returns null. */
    private @Nullable RequestHead readHead(Http1ClientLeg client) throws IOException {
        if (!client.awaitRequest()) {
            return null;
        }
        try {
            return client.readHead();
        } catch (HttpParseException e) {
            MalformedInput.report(services, client.connection(), "request", e);
            client.sendError(400, "Bad Request", "malformed request: " + e.getMessage());
            return null;
        }
    }

    /** {@return the request of {@code head}; null when its target does not fit, after a 400} */
    private @Nullable Request request(Http1ClientLeg client, Targets targets, RequestHead head)
            throws IOException {
        try {
            return targets.request(head);
        } catch (IllegalArgumentException e) {
            services.log().info("{}: bad request from {}: {} (offset {})",
                    client.connection().id(), client.connection().peer(), e.getMessage(),
                    head.offset());
            client.sendError(400, "Bad Request", e.getMessage());
            return null;
        }
    }

    /**
     * {@code proxyauth}: false when the client got a challenge. Requests inside a tunnel whose
     * CONNECT was authenticated pass without credentials of their own ({@code auth} is null).
     */
    private static boolean authorized(Http1ClientLeg client, @Nullable BasicAuth auth,
            RequestHead head, Request request) throws IOException {
        if (auth == null || auth.authenticateAndStrip(request.headers())) {
            return true;
        }
        byte[] body = auth.challengeBody();
        client.begin(head);
        client.respond(head.method(), Response.builder().statusCode(auth.challengeStatus())
                .reason(auth.challengeReason()).headers(auth.challengeHeaders(body.length))
                .content(body).build());
        return false;
    }

    /**
     * After a {@code 101 Switching Protocols} (WebSocket, h2c) both connections are relayed
     * byte for byte until they end. WebSocket messages are not yet parsed.
     */
    private static void relay(RootContext root, Http1ClientLeg client, Upstream upstream)
            throws IOException {
        try (upstream) {
            Relay.run(root, Relay.End.client(root, client.relaySource(), client.sink()),
                    Relay.End.server(upstream), Relay.Chunks.UNCHANGED);
        }
    }

    /**
     * {@return the server connection handed over in {@code context}, or null}
     *
     * @throws IllegalStateException when a layer put one there that the proxy did not open,
     *     which {@link Context#UPSTREAM} does not allow
     */
    static @Nullable Upstream preopened(Context context) {
        UpstreamConnection handed = context.get(Context.UPSTREAM);
        if (handed == null || handed instanceof Upstream) {
            return (Upstream) handed;
        }
        throw new IllegalStateException("Context.UPSTREAM holds a connection the proxy did not "
                + "open: " + handed);
    }

    @Override
    public String toString() {
        return "http1";
    }
}
