package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The server connection of one client connection's HTTP layer: kept open and reused while
 * consecutive requests go to the same server (or, in upstream mode, through the same proxy),
 * replaced when the target changes. Each request gets a {@link ServerLeg} over it.
 */
final class Upstreams implements AutoCloseable {
    private final UpstreamConnector connector;
    private @Nullable Upstream current;
    /** Plain-text servers that answered h2c with prior knowledge as HTTP/1 servers. */
    private final Set<String> http1Only;

    Upstreams(UpstreamConnector connector, @Nullable Upstream preopened) {
        this(connector, preopened, new HashSet<>());
    }

    /**
     * Server connections that share what they learn about plain-text servers ({@code http1Only},
     * thread-safe when shared: the streams of one HTTP/2 client connection).
     */
    Upstreams(UpstreamConnector connector, @Nullable Upstream preopened, Set<String> http1Only) {
        this.connector = connector;
        this.current = preopened;
        this.http1Only = http1Only;
    }

    /**
     * {@return the server connection a new flow starts with: the open one (most flows on a
     * keep-alive connection go there again), or a fresh unconnected one}
     */
    ServerConnection currentServer() {
        Upstream c = current;
        return c != null ? c.server() : new ServerConnection();
    }

    /** {@return whether a server connection is open here, to reuse for a later request} */
    boolean connected() {
        Upstream c = current;
        return c != null && c.reusable();
    }

    UpstreamConnector connector() {
        return connector;
    }

    /**
     * {@return the leg for {@code request} on a connection to its server: the open one when it
     * serves that server, else a new one}
     */
    ServerLeg leg(Request request) throws IOException {
        return legOn(get(request.scheme(), destination(request), upgrades(request)), request);
    }

    /** {@return the leg for {@code request} on a new connection (the open one went stale)} */
    ServerLeg freshLeg(Request request) throws IOException {
        return legOn(reopen(request.scheme(), destination(request), upgrades(request)), request);
    }

    /** {@return whether {@code request} asks to upgrade its connection (WebSocket, h2c)} */
    private static boolean upgrades(Request request) {
        return request.headers().contains("upgrade");
    }

    /**
     * Remembers that the server of {@code request} is an HTTP/1 server: h2c with prior knowledge
     * is not tried with it again from this client connection.
     */
    void http1Only(Request request) {
        http1Only.add(destination(request).authority());
    }

    /**
     * {@return a leg in the protocol {@code upstream} speaks: HTTP/2 when its server chose h2;
     * h2c with prior knowledge on a new plain-text connection when the client itself spoke
     * HTTP/2 (it expects an h2c server, as plain-text gRPC does), unless that server was found
     * to speak HTTP/1 only; else HTTP/1.1}
     */
    private ServerLeg legOn(Upstream upstream, Request request) throws IOException {
        if (!upstream.http2() && upstream.uses() == 0 && !upstream.tls()
                && !upstream.absoluteForm() && request.httpVersion().equals("HTTP/2.0")
                && !http1Only.contains(destination(request).authority())) {
            upstream.usePriorKnowledge();
        }
        if (upstream.http2()) {
            Services services = connector.services();
            String name = connector.connectionId() + "-server";
            return new Http2ServerLeg(upstream, upstream.http2Connection(
                    services.threads().http2(name), name));
        }
        return new Http1ServerLeg(upstream, connector, connector.services().limits());
    }

    private static Destination destination(Request request) {
        return new Destination(request.host(), request.port());
    }

    /** {@return a connection for {@code scheme://destination}, reused when possible} */
    private Upstream get(String scheme, Destination destination, boolean upgrade)
            throws IOException {
        Upstream c = current;
        if (c != null && c.reusable() && !(upgrade && c.http2())
                && (c.absoluteForm() ? scheme.equals("http") : c.serves(scheme, destination))) {
            return c;
        }
        return reopen(scheme, destination, upgrade);
    }

    /** {@return a fresh connection, closing the current one (a reused one went stale)} */
    private Upstream reopen(String scheme, Destination destination, boolean upgrade)
            throws IOException {
        drop();
        current = connector.open(scheme, destination, false, !upgrade);
        return current;
    }

    /** Closes the current connection. */
    void drop() {
        Upstream c = current;
        current = null;
        if (c != null) {
            c.close();
        }
    }

    /** Forgets {@code upstream} without closing it (it was handed to another layer). */
    void release(@Nullable Upstream upstream) {
        if (upstream != null && upstream == current) {
            current = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
