package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.KeepAlive;
import dev.mitm4j.http.internal.http1.RequestHead;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.time.Instant;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/** The response half of an exchange: responseHeaders → body → response → client. */
final class ResponsePhase {
    private final Services services;
    private final ClientSide client;
    private final Upstreams upstreams;
    private final Upstream upstream;
    private final HttpFlow flow;
    private final LiveFlow live;
    private final Exchange exchange;

    ResponsePhase(Services services, ClientSide client, Upstreams upstreams, Upstream upstream,
            HttpFlow flow, LiveFlow live, Exchange exchange) {
        this.services = services;
        this.client = client;
        this.upstreams = upstreams;
        this.upstream = upstream;
        this.flow = flow;
        this.live = live;
        this.exchange = exchange;
    }

    Exchange.Outcome run(RequestHead requestHead, ResponseHead head) throws IOException {
        Response response = head.toResponse();
        response.timestampStart(Instant.now());
        flow.response(response);
        boolean eventStream = EventStreams.is(response.headers());
        if (eventStream) {
            live.streamResponse(true, null); // the default; an addon may turn it off again
        }
        exchange.fire(Hook.RESPONSE_HEADERS);
        Http1Reader reader = upstream.reader(services.limits());
        String method = flow.request().method();
        BodyFraming framing = reader.responseFraming(method, head);
        boolean serverKeepAlive = KeepAlive.persists(head.version(), head.headers(), framing);
        if (head.code() == 101) {
            return Upgrades.relay(services, client, upstreams, upstream, flow, exchange);
        }
        Source wire = reader.body(framing);
        Source body = framing.isEmpty() ? null : wire;
        EventStreams.Tap tap = null;
        if (body != null && eventStream && live.streamResponse()) {
            tap = new EventStreams.Tap(body);
            body = tap;
        }
        long threshold = services.options().streamLargeBodies();
        long sizeLimit = services.options().bodySizeLimit();
        boolean stream = body != null && (live.streamResponse() || (threshold >= 0
                && framing.kind() == BodyFraming.Kind.CONTENT_LENGTH
                && framing.contentLength() > threshold));
        Bodies.Read read = null;
        if (body != null) {
            try {
                Bodies.checkDeclaredSize(framing, "response", sizeLimit);
                if (!stream) {
                    read = Bodies.read(body, framing, "response", sizeLimit, threshold,
                            live.bodies(), client.connection());
                }
            } catch (IOException e) {
                upstreams.drop();
                exchange.badGateway(e);
                return Exchange.Outcome.Close.INSTANCE;
            }
            if (read != null && read.notFitting() != null) {
                Bodies.warnNotKept(services.log(), client.id(), flow, "response",
                        read.notFitting(), "streamed through");
            }
            stream = stream || read.whole() == null;
        }
        if (stream) {
            return streamed(requestHead, response, framing, body, read, serverKeepAlive, tap);
        }
        response.rawContent(read == null ? Bodies.EMPTY : read.whole());
        if (framing.kind() == BodyFraming.Kind.CHUNKED) {
            response.trailers(reader.trailers());
        }
        response.timestampEnd(Instant.now());
        if (!serverKeepAlive) {
            upstreams.drop();
        }
        exchange.fire(Hook.RESPONSE);
        Response finalResponse = flow.response() != null ? flow.response() : response;
        boolean persists = client.sendResponse(method, finalResponse);
        return RequestResponse.keepAlive(requestHead, !persists);
    }

    private Exchange.Outcome streamed(RequestHead requestHead, Response response,
            BodyFraming framing, Source body, Bodies.@Nullable Read read, boolean serverKeepAlive,
            EventStreams.@Nullable Tap tap) throws IOException {
        if (tap == null) {
            Bodies.markNotKept(flow, "response");
        }
        ChunkTransformer transformer = live.responseTransformer();
        Sink out = client.startResponse(response, framing, transformer != null);
        try {
            Bodies.stream(read == null ? null : read.prefix(), body, out, transformer,
                    "response", services.options().bodySizeLimit(), client.connection());
            Bodies.finish(out, client.writer(), framing.kind() == BodyFraming.Kind.CHUNKED
                    ? upstream.reader(services.limits()).trailers() : null, "response");
        } catch (IOException e) {
            upstreams.drop();
            keep(response, tap);
            exchange.fail(e instanceof BodyTooLargeException ? e.getMessage()
                    : "streaming the response failed: " + e);
            return Exchange.Outcome.Close.INSTANCE;
        }
        keep(response, tap);
        response.timestampEnd(Instant.now());
        if (!serverKeepAlive) {
            upstreams.drop();
        }
        exchange.fire(Hook.RESPONSE);
        return RequestResponse.keepAlive(requestHead, !client.responsePersists());
    }

    /** An event stream's flow keeps what streamed through (see {@link EventStreams}). */
    private void keep(Response response, EventStreams.@Nullable Tap tap) {
        if (tap != null) {
            if (tap.total() > EventStreams.KEPT_BYTES) {
                Bodies.markNotKept(flow, "response"); // cut: not kept whole
            }
            response.rawContent(tap.kept());
            flow.metadata().put(EventStreams.STREAMED_BYTES, tap.total());
        }
    }
}
