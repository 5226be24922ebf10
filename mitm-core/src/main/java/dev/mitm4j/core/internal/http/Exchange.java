package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.FlowKilledException;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.auth.BasicAuth;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.RequestForm;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request on the client connection, from its head to the last byte of its response:
 * requestHeaders → body → request → (upstream unless an addon answered) → responseHeaders → body
 * → response; any failure ends the flow with an error event instead.
 */
final class Exchange {
    /** What the connection does after this exchange. */
    sealed interface Outcome {
        /** Read the next request. */
        enum KeepAlive implements Outcome { INSTANCE }

        /** Close the client connection. */
        enum Close implements Outcome { INSTANCE }

        /** Hand the connection to the next layer as a tunnel to {@code destination}. */
        record Tunnel(Destination destination, @Nullable Upstream upstream) implements Outcome {}
    }

    private final Services services;
    private final RealRootContext root;
    private final ClientSide client;
    private final Upstreams upstreams;
    private final @Nullable Destination fixedDestination;
    private final boolean clientTls;
    private final boolean tunnelAuthenticated;
    private HttpFlow flow;
    private LiveFlow live;
    private boolean errorFired;
    /** The response event fired: the flow is complete, whatever befalls its delivery. */
    private boolean responseFired;

    Exchange(Services services, RealRootContext root, ClientSide client, Upstreams upstreams,
            @Nullable Destination fixedDestination, boolean clientTls,
            boolean tunnelAuthenticated) {
        this.clientTls = clientTls;
        this.tunnelAuthenticated = tunnelAuthenticated;
        this.services = services;
        this.root = root;
        this.client = client;
        this.upstreams = upstreams;
        this.fixedDestination = fixedDestination;
    }

    Outcome run(RequestHead head) throws IOException {
        Request request = toRequest(head);
        if (request == null) {
            return Outcome.Close.INSTANCE;
        }
        flow = new HttpFlow(root.client(), upstreams.currentServer(), request);
        live = services.flows().start(flow, client.connection());
        try {
            if (!authorized(head)) {
                return Outcome.Close.INSTANCE;
            }
            if (head.method().equals("CONNECT")) {
                return new ConnectHandler(services, client, upstreams, flow, this).run();
            }
            return new RequestResponse(services, root, client, upstreams, flow, live, this)
                    .run(head);
        } catch (FlowKilledException e) {
            if (!errorFired) {
                fail(FlowError.KILLED_MESSAGE);
            }
            client.connection().close();
            return Outcome.Close.INSTANCE;
        } catch (UnwritableHeadException e) {
            return unwritable(e);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // Every flow ends with a response or an error, once: a client that went away
            // mid-flow, a failure while relaying, a heap this flow ran out, or a kill (its error
            // is set already, its event is not fired yet) still gets its error event. After the
            // response event the flow has ended (as in mitmproxy): a client that leaves while
            // the response goes out, or closes a WebSocket relayed after a 101, is the
            // connection's end, which the catch ladder logs at DEBUG.
            if (!errorFired && !responseFired) {
                fail("connection failed: " + e);
            }
            throw e;
        } finally {
            live.end();
        }
    }

    /**
     * The codec refused a head (an addon left it unwritable): nothing of it went out, so the flow
     * ends with the error alone (not with the response that could not be sent) and the client
     * gets a 502 in its place. Refused trailers end a message already begun: that connection
     * closes.
     */
    private Outcome unwritable(UnwritableHeadException e) throws IOException {
        services.log().warn("{}: {} not sent: {}", client.id(), flow.request().url(),
                e.getMessage());
        if (!e.replaceable()) {
            fail(e.getMessage());
            throw e;
        }
        flow.response(null);
        fail(e.getMessage());
        client.sendError(502, "Bad Gateway", e.getMessage());
        return Outcome.Close.INSTANCE;
    }

    /** Parses the target; answers 400 and returns null when it does not fit this layer. */
    private @Nullable Request toRequest(RequestHead head) throws IOException {
        Request request;
        try {
            request = Request.fromTarget(head.method(), head.target(), head.version(),
                    head.headers());
        } catch (IllegalArgumentException e) {
            return badRequest(head, "invalid request target");
        }
        request.timestampStart(Instant.now());
        RequestForm form = request.form();
        if (fixedDestination == null) {
            if ((form == RequestForm.ORIGIN || form == RequestForm.ASTERISK)
                    && !targetFromHost(request)) {
                return badRequest(head, "an origin-form request to the proxy has no Host "
                        + "header (or an invalid one), so its destination is unknown");
            }
        } else {
            if (form != RequestForm.ORIGIN && form != RequestForm.ASTERISK
                    && form != RequestForm.ABSOLUTE) {
                return badRequest(head, "invalid request form " + form);
            }
            if (form != RequestForm.ABSOLUTE) {
                targetFixed(request);
            }
        }
        return request;
    }

    /**
     * An origin-form request at the proxy's front door (the JDK sends its WebSocket handshake so
     * on a reused proxy connection) goes where its Host header says, as in mitmproxy; a Host
     * naming the proxy itself is refused when connecting. {@return false without a valid Host}
     */
    private boolean targetFromHost(Request request) {
        String hostHeader = request.headers().get("Host");
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        Request parsed;
        try {
            parsed = Request.fromTarget("GET", "http://" + hostHeader + "/", "HTTP/1.1",
                    new dev.mitm4j.http.Headers());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!parsed.authority().equals(hostHeader)) {
            return false; // a path, query or fragment inside the Host header
        }
        request.scheme("http");
        request.host(parsed.host());
        request.port(parsed.port());
        request.headers().set("Host", hostHeader);
        return true;
    }

    /** Reverse mode and tunnels: the destination comes from the context. */
    private void targetFixed(Request request) {
        Destination d = fixedDestination;
        boolean reverse = root.mode() instanceof ProxyMode.Reverse;
        String scheme = reverse ? ((ProxyMode.Reverse) root.mode()).scheme()
                : clientTls ? "https" : "http";
        String hostHeader = request.headers().get("Host");
        request.scheme(scheme);
        request.host(d.host());
        request.port(d.port());
        if (reverse && !services.options().keepHostHeader()) {
            request.headers().set("Host", HostHeaders.of(scheme, d));
        } else if (hostHeader != null) {
            request.headers().set("Host", hostHeader);
        }
    }

    private @Nullable Request badRequest(RequestHead head, String problem) throws IOException {
        services.log().info("{}: bad request from {}: {} (offset {})", client.id(), client.peer(),
                problem, head.offset());
        client.sendError(400, "Bad Request", problem);
        return null;
    }

    /**
     * proxyauth: false when the client got a challenge. Requests inside a tunnel whose CONNECT
     * was authenticated pass without credentials of their own.
     */
    private boolean authorized(RequestHead head) throws IOException {
        BasicAuth auth = services.auth(root.mode());
        if (auth == null || tunnelAuthenticated
                || auth.authenticateAndStrip(flow.request().headers())) {
            return true;
        }
        byte[] body = auth.challengeBody();
        client.sendResponse(head.method(), dev.mitm4j.http.Response.builder()
                .statusCode(auth.challengeStatus()).reason(auth.challengeReason())
                .headers(auth.challengeHeaders(body.length)).content(body).build());
        return false;
    }

    /** Fires {@code hook}; waits while the flow is intercepted; throws when it was killed. */
    void fire(Hook<HttpFlow> hook) throws FlowKilledException {
        services.addons().fire(hook, flow);
        responseFired |= hook == Hook.RESPONSE;
        FlowWaits.awaitResume(flow, client.connection());
    }

    /** Ends the flow with {@code message} (unless it has an error) and fires the error event. */
    void fail(String message) {
        if (flow.error() == null) {
            flow.error(FlowError.of(message));
        }
        errorFired = true;
        services.addons().fire(Hook.ERROR, flow);
    }

    /**
     * Answers the client with 502 (504 when the server did not answer in time) and ends the flow
     * with an error saying why.
     */
    void badGateway(IOException e) throws IOException {
        if (e instanceof ResponseTimeoutException) {
            fail(e.getMessage());
            client.sendError(504, "Gateway Timeout", e.getMessage());
            return;
        }
        String reason = e instanceof UpstreamConnectException
                || e instanceof BodyTooLargeException ? e.getMessage()
                : e instanceof HttpParseException ? "invalid response from server: " + e.getMessage()
                : "server connection failed: " + e;
        fail(reason);
        client.sendError(502, "Bad Gateway", reason);
    }
}
