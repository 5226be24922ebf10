package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.FlowKilledException;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import okio.Sink;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response: the life of an HTTP flow, and the one owner of its fate. The
 * same for every flow, whoever sent it (a client over HTTP/1, a replay with no client) and
 * wherever it goes; the {@link ClientLeg} and the {@link ServerLeg} speak the protocols.
 *
 * <p>Phases, in order ({@link Phase}); each fires its events and may block while an addon holds
 * the flow ({@code intercept()}):
 * <ol>
 *   <li>REQUEST_HEAD: {@code requestheaders}.
 *   <li>REQUEST_BODY: the body is read whole (within {@code body_size_limit},
 *       {@code stream_large_bodies} and the memory budget), then {@code request}; an addon may
 *       answer here, and the flow skips to DONE. A body too large to keep, or one an addon asked
 *       to stream, is left to stream in the next phase.
 *   <li>UPSTREAM: a server connection (the open one when it serves this destination), the
 *       request sent (a streamed body as it arrives, then {@code request}), the wait for the
 *       response head with interim (1xx) responses passed on. A reused connection that fails
 *       before any byte of the response went stale while idle: a buffered request goes again,
 *       once, on a new connection.
 *   <li>RESPONSE_HEAD: {@code responseheaders}; a 101 hands both connections over.
 *   <li>RESPONSE_BODY: the body is read whole, or streamed to the client as it arrives.
 *   <li>DONE: {@code response}; then a whole response goes to the client.
 * </ol>
 * A CONNECT request has its own short life: {@code http_connect} → the server connection
 * (unless {@code connection_strategy} is lazy) → the client's 2xx → {@code http_connected}.
 *
 * <p>Every failure of every phase goes to one funnel ({@link #fail}), which decides the flow's
 * fate exactly once: a flow gets its {@code response} event or its {@code error} event, never
 * both. See {@link #fail} for the cases.
 */
final class HttpStream {
    /** Where a stream is; failures are told apart by it. */
    enum Phase { REQUEST_HEAD, REQUEST_BODY, UPSTREAM, RESPONSE_HEAD, RESPONSE_BODY, DONE }

    /** What the client's connection does after the stream. */
    sealed interface Outcome {
        /** The stream ended well: the connection carries another if its protocol allows. */
        enum Ended implements Outcome { INSTANCE }

        /** The connection closes. */
        enum Close implements Outcome { INSTANCE }

        /** A CONNECT: the connection becomes a tunnel to {@code destination}. */
        record Tunnel(Destination destination, @Nullable Upstream upstream) implements Outcome {}

        /** A 101: both connections are relayed byte for byte from now on. */
        record Switched(Upstream upstream) implements Outcome {}
    }

    private final Services services;
    private final HttpFlow flow;
    private final ClientLeg client;
    private final Upstreams servers;
    private final LiveFlow live;
    private final FlowBodies bodies;
    private Phase phase = Phase.REQUEST_HEAD;
    private @Nullable ServerLeg server;
    /** The request body streaming to the server while the response comes (gRPC), if any. */
    private @Nullable RequestPump requestPump;
    /** Whether the {@code response} event fired (and its response was not withdrawn). */
    private boolean responded;

    /** Starts a stream for {@code flow}, which becomes live (listed, killable) until it ends. */
    HttpStream(Services services, HttpFlow flow, ClientLeg client, Upstreams servers) {
        this.services = services;
        this.flow = flow;
        this.client = client;
        this.servers = servers;
        this.live = services.flows().start(flow, client.connection());
        this.bodies = new FlowBodies(services, flow, live, client);
    }

    /**
     * Runs the flow to its end.
     *
     * @return what the connection does next
     * @throws IOException when the flow ended with an error the client could not be told (it
     *     left, or a response to it was under way): for the connection's catch ladder
     */
    Outcome run() throws IOException {
        try {
            live.awaitResume(); // a flow killed before it started
            return flow.request().method().equals("CONNECT") ? connect() : exchange();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return fail(e);
        } finally {
            live.end();
        }
    }

    private Outcome exchange() throws IOException {
        Request request = flow.request();
        boolean grpc = !client.replay() && Grpc.is(request.headers());
        if (grpc) {
            // Both bodies stream by default, at once; an addon may turn it off again.
            live.streamRequest(true, null);
            live.streamResponse(true, null);
        }
        fire(Hook.REQUEST_HEADERS);
        phase = Phase.REQUEST_BODY;
        FlowBodies.@Nullable Rest requestRest = client.replay() ? null : bodies.readRequest();
        if (requestRest == null) {
            request.timestampEnd(Instant.now());
            fire(Hook.REQUEST);
            if (flow.response() != null) {
                return respond(flow.response()); // an addon answered; no server is asked
            }
        }
        phase = Phase.UPSTREAM;
        Response response = forward(requestRest);
        ServerLeg leg = Objects.requireNonNull(server);
        if (requestRest != null) {
            request.timestampEnd(Instant.now());
            fire(Hook.REQUEST);
        }
        phase = Phase.RESPONSE_HEAD;
        int wireStatus = response.statusCode();
        flow.response(response);
        boolean eventStream = !client.replay() && EventStreams.is(response.headers());
        if (eventStream) {
            live.streamResponse(true, null); // the default; an addon may turn it off again
        }
        fire(Hook.RESPONSE_HEADERS);
        if (wireStatus == 101) {
            return switchProtocols(leg, response);
        }
        phase = Phase.RESPONSE_BODY;
        FlowBodies.@Nullable Rest responseRest = bodies.readResponse(leg, response, eventStream);
        if (responseRest != null) {
            bodies.streamResponse(leg, response, responseRest);
        }
        finishRequestBody();
        response.timestampEnd(Instant.now());
        if (!leg.persists()) {
            servers.drop();
        }
        if (responseRest != null) {
            phase = Phase.DONE;
            fire(Hook.RESPONSE); // the client has it already
            return Outcome.Ended.INSTANCE;
        }
        return respond(response);
    }

    /**
     * Sends the request and waits for the response head; a reused connection found stale gets
     * a buffered request once more, on a new connection.
     *
     * @return the response head
     */
    private Response forward(FlowBodies.@Nullable Rest rest) throws IOException {
        Request request = flow.request();
        try {
            return send(servers.leg(request), rest);
        } catch (IOException e) {
            ServerLeg failed = server;
            if (rest == null && failed != null && failed.retryOverHttp1(e)) {
                services.log().debug("{}: {} speaks no h2c; trying HTTP/1.1",
                        client.connection().id(), failed.connection().destination().authority());
                servers.http1Only(request);
                return send(servers.freshLeg(request), rest);
            }
            if (rest != null || !stale(e)) {
                throw e;
            }
            return send(servers.freshLeg(request), rest);
        }
    }

    private Response send(ServerLeg leg, FlowBodies.@Nullable Rest rest) throws IOException {
        server = leg;
        flow.server(leg.server());
        if (rest == null) {
            leg.sendRequest(flow.request());
        } else if (Grpc.is(flow.request().headers())) {
            Sink body = bodies.startRequest(leg, rest); // the head goes before the response is read
            requestPump = RequestPump.start(services, client.connection(),
                    () -> bodies.streamRequestBody(leg, rest, body));
        } else {
            bodies.streamRequest(leg, rest);
        }
        return awaitResponseHead(leg);
    }

    /**
     * Waits until a request body streaming beside the response (a gRPC call) was sent whole;
     * its failure is the stream's.
     */
    private void finishRequestBody() throws IOException {
        RequestPump pump = requestPump;
        if (pump != null) {
            requestPump = null;
            pump.finish();
        }
    }

    /** {@return whether {@code e} is a reused connection that closed before any response} */
    private boolean stale(IOException e) {
        ServerLeg leg = server;
        return leg != null && leg.reused() && !leg.responseStarted()
                && !(e instanceof ResponseTimeoutException) && !(e instanceof ClientGoneException)
                && !(e instanceof UnwritableHeadException)
                && !(e instanceof UpstreamConnectException);
    }

    /**
     * Reads the response head, passing interim ones on, while the client is watched and the
     * server timed out (see {@link UpstreamWait}).
     *
     * @throws ResponseTimeoutException when the server stayed silent for {@code tcp_timeout}
     * @throws ClientGoneException when the client left meanwhile
     */
    private Response awaitResponseHead(ServerLeg leg) throws IOException {
        UpstreamWait wait = client.awaitResponse(leg.socket());
        try {
            return leg.readResponseHead(interim -> {
                wait.progress();
                client.interim(interim);
            });
        } catch (IOException e) {
            if (wait.timedOut()) {
                throw new ResponseTimeoutException(leg.connection().destination().authority(),
                        wait.timeoutSeconds(), e);
            }
            if (wait.clientGone()) {
                throw new ClientGoneException(e);
            }
            throw e;
        } finally {
            wait.close();
        }
    }

    /** {@code response} fires, then the flow's response (an addon may replace it) goes out. */
    private Outcome respond(Response response) throws IOException {
        phase = Phase.DONE;
        fire(Hook.RESPONSE);
        Response last = flow.response();
        client.respond(flow.request().method(), last != null ? last : response);
        return Outcome.Ended.INSTANCE;
    }

    /** {@code 101 Switching Protocols}: the client gets the head; the layer relays the rest. */
    private Outcome switchProtocols(ServerLeg leg, Response response) throws IOException {
        response.rawContent(Bodies.EMPTY);
        respond(response);
        servers.release(leg.connection());
        return new Outcome.Switched(leg.connection());
    }

    /**
     * A CONNECT: {@code http_connect} (an addon may refuse it with a non-2xx response) → the
     * server connection, at once unless {@code connection_strategy} is lazy → the client's 2xx
     * → {@code http_connected}; a connection that fails is the client's 502, then
     * {@code error} and {@code http_connect_error}.
     */
    private Outcome connect() throws IOException {
        Request request = flow.request();
        Destination destination = new Destination(request.host(), request.port());
        fire(Hook.HTTP_CONNECT);
        Response answer = flow.response();
        if (answer != null && (answer.statusCode() < 200 || answer.statusCode() > 299)) {
            phase = Phase.DONE;
            client.respond("CONNECT", answer);
            services.addons().fire(Hook.HTTP_CONNECT_ERROR, flow);
            return Outcome.Close.INSTANCE;
        }
        phase = Phase.UPSTREAM;
        Upstream upstream = null;
        if (answer == null && !services.options().connectionStrategy().equals("lazy")) {
            if (servers.connector().proxyAuthorization() != null) {
                fire(Hook.HTTP_CONNECT_UPSTREAM);
            }
            upstream = servers.connector().open("http", destination, true);
        }
        phase = Phase.RESPONSE_HEAD;
        if (answer == null) {
            answer = Response.make(200, Bodies.EMPTY, new Headers());
            answer.reason("Connection established");
            flow.response(answer);
        }
        // RFC 9110 section 9.3.6: a 2xx answer to CONNECT carries no Content-Length or
        // Transfer-Encoding (the tunnel's bytes follow the head); clients may take them literally.
        answer.headers().remove("Content-Length");
        answer.headers().remove("Transfer-Encoding");
        try {
            client.respond("CONNECT", answer);
        } catch (IOException e) {
            if (upstream != null) {
                upstream.close();
            }
            throw e;
        }
        phase = Phase.DONE;
        fire(Hook.HTTP_CONNECTED);
        return new Outcome.Tunnel(destination, upstream);
    }

    /**
     * The one failure funnel: every failure of every phase ends here, and decides the flow's fate
     * once.
     * <ul>
     *   <li>Its {@code response} event fired: the flow ended with its response, and gets no
     *       {@code error} event (a client that leaves while it is sent, say). The one exception:
     *       the writer refused the response's head before any byte of it went out (an addon set
     *       a status code HTTP/1 cannot carry); then the response is withdrawn, as if it never
     *       was, and the case below applies.
     *   <li>Nothing of a response reached the client: it gets the proxy's answer (502; 504 for a
     *       silent server; 413 or 400 for a request body too large or malformed) unless it left
     *       or the flow was killed, and the flow gets its error and the {@code error} event.
     *   <li>A response was under way: the flow gets its error and the {@code error} event, and
     *       the connection closes, cutting the response short.
     * </ul>
     * Either way the server connection is dropped and the client's connection closes.
     */
    private Outcome fail(Throwable e) throws IOException {
        Phase failedIn = phase;
        phase = Phase.DONE;
        servers.drop(); // ends a request body still streaming too
        RequestPump pump = requestPump;
        if (pump != null) {
            requestPump = null;
            pump.abandon();
        }
        if (responded && !withdrawable(e)) {
            services.log().debug("{}: {} failed after its response event: {}",
                    client.connection().id(), flow.request().url(), e.toString());
            return closeOrRethrow(e);
        }
        if (responded) {
            responded = false;
            flow.response(null);
        }
        boolean killed = flow.error() != null && flow.error().isKilled();
        Failure failure = Failure.of(e, failedIn, killed, client.responseStarted());
        if (e instanceof UnwritableHeadException) {
            services.log().warn("{}: {} not sent: {}", client.connection().id(),
                    flow.request().url(), e.getMessage());
        }
        if (failure.status() == 400) {
            MalformedInput.report(services, client.connection(), "request body",
                    (HttpParseException) (e instanceof MalformedRequestBodyException m
                            ? m.parseError() : e));
        }
        if (flow.error() == null) {
            flow.error(FlowError.of(failure.message()));
        }
        fireError(failedIn == Phase.UPSTREAM && !killed && !(e instanceof FlowKilledException));
        if (killed || e instanceof FlowKilledException) {
            client.connection().close();
            return Outcome.Close.INSTANCE;
        }
        if (failure.answers()) {
            client.sendError(failure.status(), failure.reason(), failure.message());
            return Outcome.Close.INSTANCE;
        }
        return closeOrRethrow(e);
    }

    /** {@return whether the response {@code e} stopped never left: the writer refused its head} */
    private boolean withdrawable(Throwable e) {
        return e instanceof UnwritableHeadException u && u.replaceable()
                && !client.responseStarted();
    }

    /** Rethrows what the connection's catch ladder logs; ends the connection otherwise. */
    private static Outcome closeOrRethrow(Throwable e) throws IOException {
        if (e instanceof FlowKilledException) {
            return Outcome.Close.INSTANCE;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) e;
    }

    /** Fires {@code hook}, then waits while an addon holds the flow; throws when it was killed. */
    private void fire(Hook<HttpFlow> hook) throws FlowKilledException {
        services.addons().fire(hook, flow);
        if (hook == Hook.RESPONSE) {
            responded = true;
        }
        live.awaitResume();
    }

    /** Fires {@code error}; for a CONNECT whose server connection failed, http_connect_error. */
    private void fireError(boolean connecting) {
        assert !responded : "flow " + flow.id() + " would get error after its response event";
        services.addons().fire(Hook.ERROR, flow);
        if (connecting && flow.request().method().equals("CONNECT")) {
            services.addons().fire(Hook.HTTP_CONNECT_ERROR, flow);
        }
    }
}
