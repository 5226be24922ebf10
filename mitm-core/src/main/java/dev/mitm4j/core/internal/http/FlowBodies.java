package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import java.io.IOException;
import okio.Buffer;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of one {@link HttpStream}'s flow: read whole (within {@code body_size_limit},
 * {@code stream_large_bodies} and the server's memory budget), or streamed on as they arrive when
 * an addon asked for it ({@link dev.mitm4j.core.Streaming}) or they are too large to keep. The
 * reading and writing only: it fires no event and decides nothing about the flow's fate; its
 * failures go to the stream.
 *
 * <p>A flow the proxy replays itself has nobody to stream a response to: its response body is
 * read whole, and one that does not fit in the memory budget is read and dropped.
 */
final class FlowBodies {
    /**
     * A body still to go on: what was read before it had to stream, then the rest of
     * {@code source}.
     *
     * @param tap the copy an event stream's flow keeps, or null
     */
    record Rest(BodyFraming framing, Source source, @Nullable Buffer prefix,
            EventStreams.@Nullable Tap tap) {}

    private final Services services;
    private final HttpFlow flow;
    private final LiveFlow live;
    private final ClientLeg client;
    private final long sizeLimit;

    FlowBodies(Services services, HttpFlow flow, LiveFlow live, ClientLeg client) {
        this.services = services;
        this.flow = flow;
        this.live = live;
        this.client = client;
        this.sizeLimit = services.options().bodySizeLimit();
    }

    /**
     * Reads the request body into the flow.
     *
     * @return null, or the rest to stream upstream (the flow then records it as not kept)
     * @throws BodyTooLargeException over {@code body_size_limit}, before 100 Continue when the
     *     length is declared
     */
    @Nullable Rest readRequest() throws IOException {
        Request request = flow.request();
        BodyFraming framing = client.requestFraming();
        // Before 100 Continue: a client that asked first never sends a body refused anyway.
        Bodies.checkDeclaredSize(framing, "request", sizeLimit);
        client.continueRequest(request);
        Source source = client.requestBody();
        if (framing.isEmpty()) {
            request.rawContent(Bodies.EMPTY);
            return null;
        }
        long threshold = services.options().streamLargeBodies();
        Buffer prefix = null;
        if (!live.streamRequest() && !exceeds(framing, threshold)) {
            Bodies.Read read = Bodies.read(source, framing, "request", sizeLimit, threshold,
                    live.bodies(), client.connection());
            if (read.whole() != null) {
                request.rawContent(read.whole());
                request.trailers(client.requestTrailers());
                return null;
            }
            warnNotKept("request", read.notFitting());
            prefix = read.prefix();
        }
        Bodies.markNotKept(flow, "request");
        return new Rest(framing, source, prefix, null);
    }

    /**
     * Sends the request's head to {@code server}, then its body as it arrives (through the
     * addon's transformer, if any) and the client's trailers.
     *
     * @throws MalformedRequestBodyException when the client's body breaks its framing
     */
    void streamRequest(ServerLeg server, Rest rest) throws IOException {
        streamRequestBody(server, rest, startRequest(server, rest));
    }

    /** Sends the head of a request whose body streams; {@return the sink for its body} */
    Sink startRequest(ServerLeg server, Rest rest) throws IOException {
        return server.startRequest(flow.request(), rest.framing(),
                live.requestTransformer() != null);
    }

    /**
     * Sends the body of a request whose head {@link #startRequest} sent, as it arrives (through
     * the addon's transformer, if any), then the client's trailers.
     *
     * @throws MalformedRequestBodyException when the client's body breaks its framing
     */
    void streamRequestBody(ServerLeg server, Rest rest, Sink out) throws IOException {
        ChunkTransformer transformer = live.requestTransformer();
        try {
            Bodies.stream(rest.prefix(), rest.source(), out, transformer, "request", sizeLimit,
                    client.connection());
        } catch (HttpParseException e) {
            throw new MalformedRequestBodyException(e);
        }
        Headers trailers = client.requestTrailers();
        if (trailers != null) {
            flow.request().trailers(trailers);
        }
        server.finishRequest(out, trailers);
    }

    /**
     * Reads the body of {@code server}'s response into {@code response}.
     *
     * @return null, or the rest to stream to the client
     * @param eventStream whether the response is an event stream that streams by default
     */
    @Nullable Rest readResponse(ServerLeg server, Response response, boolean eventStream)
            throws IOException {
        BodyFraming framing = server.responseFraming();
        Source source = server.responseBody();
        if (framing.isEmpty()) {
            response.rawContent(Bodies.EMPTY);
            return null;
        }
        Bodies.checkDeclaredSize(framing, "response", sizeLimit);
        boolean replay = client.replay();
        long threshold = replay ? -1 : services.options().streamLargeBodies();
        if (!replay && (live.streamResponse() || exceeds(framing, threshold))) {
            EventStreams.Tap tap = eventStream && live.streamResponse()
                    ? new EventStreams.Tap(source) : null;
            return new Rest(framing, tap != null ? tap : source, null, tap);
        }
        Bodies.Read read = Bodies.read(source, framing, "response", sizeLimit, threshold,
                live.bodies(), client.connection());
        if (read.whole() != null) {
            response.rawContent(read.whole());
            if (framing.kind() == BodyFraming.Kind.CHUNKED) {
                response.trailers(server.responseTrailers());
            }
            return null;
        }
        warnNotKept("response", read.notFitting());
        return new Rest(framing, source, read.prefix(), null);
    }

    /**
     * Sends {@code response}'s head to the client, then the body as it arrives (through the
     * addon's transformer, if any) and the server's trailers. The flow records the body as not
     * kept; an event stream's flow keeps what streamed through (see {@link EventStreams}).
     */
    void streamResponse(ServerLeg server, Response response, Rest rest) throws IOException {
        if (rest.tap() == null) {
            Bodies.markNotKept(flow, "response");
        }
        ChunkTransformer transformer = live.responseTransformer();
        try {
            Sink out = client.startResponse(response, rest.framing(), transformer != null);
            Bodies.stream(rest.prefix(), rest.source(), out, transformer, "response", sizeLimit,
                    client.connection());
            Headers trailers = server.responseTrailers();
            if (trailers != null) {
                response.trailers(trailers);
            }
            client.finishResponse(out, trailers);
        } finally {
            EventStreams.keep(flow, response, rest.tap());
        }
    }

    private static boolean exceeds(BodyFraming framing, long threshold) {
        return threshold >= 0 && framing.kind() == BodyFraming.Kind.CONTENT_LENGTH
                && framing.contentLength() > threshold;
    }

    private void warnNotKept(String what, @Nullable String why) {
        if (why != null) {
            Bodies.warnNotKept(services.log(), client.connection().id(), flow, what, why,
                    client.replay() ? "read and dropped" : "streamed through");
        }
    }
}
