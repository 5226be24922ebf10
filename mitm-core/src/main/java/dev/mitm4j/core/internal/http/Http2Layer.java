package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.auth.BasicAuth;
import dev.mitm4j.core.internal.tls.TlsLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http2.Http2Connection;
import dev.mitm4j.http.internal.http2.Http2Limits;
import dev.mitm4j.http.internal.http2.Http2Stream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/2 between the client and the proxy (after ALPN {@code h2}, or h2c with prior knowledge):
 * the codec's connection hands out streams, and each stream runs on its own thread as one flow
 * through an {@link HttpStream}, exactly as an HTTP/1 request does: same events, interception,
 * streaming and features, {@code http_version} "HTTP/2.0". Per stream: its request target (see
 * {@link Targets}; a 400 on that stream when it does not fit), {@code proxyauth} in regular mode
 * (407 on that stream), then the flow. A stream that ends badly is reset; the connection and
 * its other streams go on. One stream held by an addon never holds another.
 *
 * <p>Towards servers each stream gets a {@link ServerLeg} from {@link Upstreams} as an HTTP/1
 * request would (the HTTP/1 server leg translates the request). The layer returns when the
 * client's connection ends (its GOAWAY, its close, or a connection error), after the streams in
 * progress ended.
 */
public final class Http2Layer implements Layer {
    private final Services services;
    private final Connection connection;

    /** {@code connection} is the client connection this layer serves (one layer per connection). */
    public Http2Layer(Services services, Connection connection) {
        this.services = services;
        this.connection = connection;
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RootContext root = context.root();
        Http2Connection h2 = Http2Connection.builder(Http2Connection.Role.SERVER,
                        context.clientSource(), context.clientSink(), connection::close)
                .limits(Http2Limits.defaults()).name(connection.id())
                .threadFactory(services.threads().http2(connection.id())).build();
        Streams streams = new Streams(context, root);
        List<Thread> running = new ArrayList<>();
        try {
            h2.start();
            Http2Stream stream;
            while ((stream = h2.accept()) != null) {
                connection.active();
                Http2Stream accepted = stream;
                running.removeIf(t -> !t.isAlive());
                running.add(services.threads().startStream(connection.id(), stream.id(),
                        () -> streams.run(accepted)));
            }
        } finally {
            awaitAll(running);
            streams.close();
            h2.close();
        }
        IOException failure = h2.failure();
        if (failure != null && !(failure instanceof java.io.EOFException)) {
            services.log().debug("{}: HTTP/2 connection ended: {}", connection.id(),
                    failure.toString());
        }
    }

    private static void awaitAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the streams of one connection share: their targets, credentials, and the server
     * connections between streams (a stream takes an idle one, and gives it back when it ended
     * with the connection still usable, so consecutive streams to a server reuse it as HTTP/1
     * keep-alive requests do; streams at the same time each have their own).
     */
    private final class Streams implements AutoCloseable {
        private final RootContext root;
        private final Targets targets;
        private final @Nullable BasicAuth auth;
        /** The server connection the TLS layer opened first, for the first stream to take. */
        private final AtomicReference<@Nullable Upstream> preopened;
        private final Deque<Upstreams> idle = new ConcurrentLinkedDeque<>();
        private final Set<String> http1Only = ConcurrentHashMap.newKeySet();

        Streams(Context context, RootContext root) {
            this.root = root;
            this.targets = new Targets(root.mode(), context.get(Context.DESTINATION),
                    TlsLayer.insideClientTls(context), services.options().keepHostHeader());
            this.auth = Boolean.TRUE.equals(context.get(HttpLayer.TUNNEL_AUTHENTICATED)) ? null
                    : services.auth(root.mode());
            this.preopened = new AtomicReference<>(HttpLayer.preopened(context));
        }

        /** Runs one stream's flow on the calling thread; never throws. */
        void run(Http2Stream stream) {
            Http2ClientLeg client = new Http2ClientLeg(stream, connection,
                    services.timeouts().idle().toNanos());
            Upstreams upstreams = take();
            boolean ended = false;
            try {
                Request request = request(client);
                if (request == null || !authorized(client, request)) {
                    ended = true;
                    return;
                }
                HttpFlow flow = new HttpFlow(root.client(), upstreams.currentServer(), request);
                ended = new HttpStream(services, flow, client, upstreams).run()
                        instanceof HttpStream.Outcome.Ended;
                connection.active();
            } catch (IOException | RuntimeException e) {
                services.log().debug("{}: stream {} ended: {}", connection.id(), stream.id(),
                        e.toString());
            } finally {
                if (!ended) {
                    client.abandon();
                }
                giveBack(upstreams);
            }
        }

        /** {@return an idle stream's server connections, else new ones} */
        private Upstreams take() {
            Upstreams upstreams = idle.pollFirst();
            if (upstreams != null) {
                return upstreams;
            }
            return new Upstreams(new UpstreamConnector(services, root, connection),
                    preopened.getAndSet(null), http1Only);
        }

        /** Keeps {@code upstreams} for the next stream while its connection is usable. */
        private void giveBack(Upstreams upstreams) {
            if (upstreams.connected() && !connection.isClosed()) {
                idle.offerFirst(upstreams);
            } else {
                upstreams.close();
            }
        }

        /** {@return the stream's request; null after answering 400 when it does not fit} */
        private @Nullable Request request(Http2ClientLeg client) throws IOException {
            try {
                return targets.request(client.stream().requestHead());
            } catch (IllegalArgumentException e) {
                services.log().info("{}: bad request from {} on HTTP/2 stream {}: {}",
                        connection.id(), connection.peer(), client.stream().id(),
                        e.getMessage());
                client.sendError(400, "Bad Request", e.getMessage());
                return null;
            }
        }

        /** {@code proxyauth}: false when the stream got the challenge. */
        private boolean authorized(Http2ClientLeg client, Request request) throws IOException {
            BasicAuth a = auth;
            if (a == null || a.authenticateAndStrip(request.headers())) {
                return true;
            }
            byte[] body = a.challengeBody();
            client.respond(request.method(), Response.builder().statusCode(a.challengeStatus())
                    .headers(a.challengeHeaders(body.length)).content(body).build());
            return false;
        }

        @Override
        public void close() {
            Upstream first = preopened.getAndSet(null);
            if (first != null) {
                first.close();
            }
            Upstreams upstreams;
            while ((upstreams = idle.pollFirst()) != null) {
                upstreams.close();
            }
        }
    }

    @Override
    public String toString() {
        return "http2";
    }
}
