package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.RequestHead;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.time.Instant;
import okio.Buffer;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * A non-CONNECT request: read it (buffered or streamed), let addons see it, forward it (unless an
 * addon answered), read the response, let addons see it, send it to the client.
 */
final class RequestResponse {
    private final Services services;
    private final ClientSide client;
    private final Upstreams upstreams;
    private final HttpFlow flow;
    private final LiveFlow live;
    private final Exchange exchange;
    private final long sizeLimit;
    private final long streamThreshold;
    private boolean requestStreamed;

    RequestResponse(Services services, RealRootContext root, ClientSide client,
            Upstreams upstreams, HttpFlow flow, LiveFlow live, Exchange exchange) {
        this.services = services;
        this.client = client;
        this.upstreams = upstreams;
        this.flow = flow;
        this.live = live;
        this.exchange = exchange;
        this.sizeLimit = services.options().bodySizeLimit();
        this.streamThreshold = services.options().streamLargeBodies();
    }

    Exchange.Outcome run(RequestHead head) throws IOException {
        Request request = flow.request();
        exchange.fire(Hook.REQUEST_HEADERS);
        BodyFraming framing = client.reader().requestFraming(head);
        try {
            // Before 100 Continue: a client that asked first never sends a body refused anyway.
            Bodies.checkDeclaredSize(framing, "request", sizeLimit);
        } catch (BodyTooLargeException e) {
            return refuse(e);
        }
        if (head.expectsContinue()) {
            request.headers().remove("Expect");
            client.sendContinue();
        }
        Source wire = client.reader().body(framing);
        Source body = framing.isEmpty() ? null : wire;
        Buffer prefix = null;
        requestStreamed = body != null;
        try {
            if (body == null) {
                request.rawContent(Bodies.EMPTY);
            } else if (!live.streamRequest() && !exceeds(framing, streamThreshold)) {
                Bodies.Read read = Bodies.read(body, framing, "request", sizeLimit,
                        streamThreshold, live.bodies(), client.connection());
                prefix = read.prefix();
                if (read.whole() != null) {
                    requestStreamed = false;
                    request.rawContent(read.whole());
                    request.trailers(client.reader().trailers());
                } else if (read.notFitting() != null) {
                    Bodies.warnNotKept(services.log(), client.id(), flow, "request",
                            read.notFitting(), "streamed through");
                }
            }
        } catch (BodyTooLargeException e) {
            return refuse(e);
        } catch (HttpParseException e) {
            return malformedBody(e);
        }
        if (requestStreamed) {
            Bodies.markNotKept(flow, "request");
        } else {
            request.timestampEnd(Instant.now());
            exchange.fire(Hook.REQUEST);
            Response answer = flow.response();
            if (answer != null) {
                return respondLocally(head, answer);
            }
        }
        return forward(head, framing, body, prefix);
    }

    /** A request body over {@code body_size_limit}: 413 and an error flow, as in mitmproxy. */
    private Exchange.Outcome refuse(BodyTooLargeException e) throws IOException {
        exchange.fail(e.getMessage());
        client.sendError(413, "Payload Too Large", e.getMessage());
        return Exchange.Outcome.Close.INSTANCE;
    }

    /** A request body that broke its framing: 400, and the flow ends with that error. */
    private Exchange.Outcome malformedBody(HttpParseException e) throws IOException {
        exchange.fail("malformed request body: " + e.getMessage());
        client.rejectMalformed("request body", e);
        return Exchange.Outcome.Close.INSTANCE;
    }

    private static boolean exceeds(BodyFraming framing, long threshold) {
        return threshold >= 0 && framing.kind() == BodyFraming.Kind.CONTENT_LENGTH
                && framing.contentLength() > threshold;
    }

    private Exchange.Outcome respondLocally(RequestHead head, Response answer) throws IOException {
        exchange.fire(Hook.RESPONSE);
        Response response = flow.response() != null ? flow.response() : answer;
        boolean persists = client.sendResponse(flow.request().method(), response);
        return keepAlive(head, !persists);
    }

    private Exchange.Outcome forward(RequestHead head, BodyFraming framing, @Nullable Source body,
            @Nullable Buffer prefix) throws IOException {
        Request request = flow.request();
        Destination destination = new Destination(request.host(), request.port());
        Upstream upstream;
        ResponseHead responseHead;
        try {
            upstream = upstreams.get(request.scheme(), destination);
            flow.server(upstream.server());
            responseHead = send(upstream, framing, body, prefix);
        } catch (BodyTooLargeException e) {
            upstreams.drop();   // it got part of a request it must not complete
            return refuse(e);
        } catch (UnwritableHeadException e) {
            throw e;    // nothing was sent; the exchange answers 502
        } catch (IOException e) {
            if (requestStreamed || !retryable(e)) {
                return failed(head, e);
            }
            try {
                upstream = upstreams.reopen(request.scheme(), destination);
                flow.server(upstream.server());
                responseHead = send(upstream, framing, body, prefix);
            } catch (IOException again) {
                return failed(head, again);
            }
        }
        if (requestStreamed) {
            request.timestampEnd(Instant.now());
            exchange.fire(Hook.REQUEST);
        }
        return new ResponsePhase(services, client, upstreams, upstream, flow, live, exchange)
                .run(head, responseHead);
    }

    /** Ends a flow whose request could not be forwarded or answered: 502/504, or nothing. */
    private Exchange.Outcome failed(RequestHead head, IOException e) throws IOException {
        if (e instanceof UnwritableHeadException unwritable) {
            throw unwritable;   // nothing was sent; the exchange answers 502
        }
        upstreams.drop();
        if (e instanceof BodyTooLargeException tooLarge) {
            return refuse(tooLarge);
        }
        if (e instanceof MalformedRequestBodyException malformed) {
            return malformedBody(malformed.parseError());
        }
        if (e instanceof ClientGoneException) {
            exchange.fail(e.getMessage()); // nobody is left to answer
            return Exchange.Outcome.Close.INSTANCE;
        }
        exchange.badGateway(e);
        return requestStreamed ? Exchange.Outcome.Close.INSTANCE : keepAlive(head, false);
    }

    /**
     * A reused connection that failed before any byte of the response: the server closed it
     * while idle, and the request (buffered, so repeatable) goes again on a new connection.
     */
    private boolean retryable(IOException e) {
        return upstreamWasReused && !responseStarted
                && !(e instanceof dev.mitm4j.core.UpstreamConnectException)
                && !(e instanceof ResponseTimeoutException) && !(e instanceof ClientGoneException);
    }

    private boolean upstreamWasReused;
    private boolean responseStarted;

    /** Writes the request (head and body in one flush when buffered) and reads the response head. */
    private ResponseHead send(Upstream upstream, BodyFraming framing, @Nullable Source body,
            @Nullable Buffer prefix) throws IOException {
        upstreamWasReused = upstream.uses() > 0;
        upstream.used();
        Request request = flow.request();
        String target = Forwarding.target(upstream, upstreams.connector(), request);
        if (!requestStreamed) {
            upstream.sendRequest(request, target);
        } else {
            ChunkTransformer transformer = live.requestTransformer();
            Sink out = upstream.startRequest(request, target,
                    framing.kind() == BodyFraming.Kind.CHUNKED || transformer != null,
                    framing.contentLength());
            try {
                Bodies.stream(prefix, body, out, transformer, "request", sizeLimit,
                        client.connection());
            } catch (HttpParseException e) {
                throw new MalformedRequestBodyException(e);
            }
            Bodies.finish(out, upstream.writer(), client.reader().trailers(), "request");
        }
        return awaitResponseHead(upstream);
    }

    /**
     * Reads the response head, forwarding interim (1xx) ones, while the client is watched and
     * the server timed out (see {@link dev.mitm4j.core.internal.UpstreamWait}).
     *
     * @throws ResponseTimeoutException when the server stayed silent for {@code tcp_timeout}
     * @throws ClientGoneException when the client left meanwhile
     */
    private ResponseHead awaitResponseHead(Upstream upstream) throws IOException {
        UpstreamWait wait = client.awaitResponse(upstream);
        try {
            // False on a clean EOF: an idle keep-alive connection the server had closed.
            responseStarted = upstream.source().request(1);
            return Forwarding.finalResponseHead(upstream, services.limits(), interim -> {
                wait.progress();
                client.sendInterim(interim);
            });
        } catch (IOException e) {
            if (wait.timedOut()) {
                throw new ResponseTimeoutException(upstream.destination().authority(),
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

    static Exchange.Outcome keepAlive(RequestHead head, boolean responseCloses) {
        return head.keepAlive() && !responseCloses ? Exchange.Outcome.KeepAlive.INSTANCE
                : Exchange.Outcome.Close.INSTANCE;
    }
}
