package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.KeepAlive;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.net.Socket;
import java.time.Instant;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * One request over an HTTP/1 connection to a server (or through the upstream proxy of
 * {@code upstream:} mode, in absolute-form with its credentials), and its response: the
 * {@link ServerLeg} of a stream. The framing and the keep-alive decision come from the response
 * as the server sent it, before any addon sees it.
 */
final class Http1ServerLeg implements ServerLeg {
    private final Upstream upstream;
    private final UpstreamConnector connector;
    private final Http1Reader reader;
    private final boolean reused;
    private String method = "GET";
    private boolean responseStarted;
    private BodyFraming framing = BodyFraming.NONE;
    private boolean persists;

    /** A leg for the next request on {@code upstream}. */
    Http1ServerLeg(Upstream upstream, UpstreamConnector connector, Http1Limits limits) {
        this.upstream = upstream;
        this.connector = connector;
        this.reader = upstream.reader(limits);
        this.reused = upstream.uses() > 0;
        upstream.used();
    }

    @Override
    public ServerConnection server() {
        return upstream.server();
    }

    @Override
    public Upstream connection() {
        return upstream;
    }

    @Override
    public Socket socket() {
        return upstream.socket();
    }

    @Override
    public boolean reused() {
        return reused;
    }

    @Override
    public void sendRequest(Request request) throws IOException {
        method = request.method();
        Request wire = Http1Requests.forHttp1(request);
        upstream.sendRequest(wire, target(wire));
    }

    @Override
    public Sink startRequest(Request request, BodyFraming source, boolean resized)
            throws IOException {
        method = request.method();
        Request wire = Http1Requests.forHttp1(request);
        return upstream.startRequest(wire, target(wire),
                source.kind() == BodyFraming.Kind.CHUNKED || resized, source.contentLength());
    }

    @Override
    public void finishRequest(Sink body, @Nullable Headers trailers) throws IOException {
        Bodies.finish(body, upstream.writer(), trailers, "request");
    }

    /**
     * {@return the request-target: absolute-form through an upstream proxy (whose
     * {@code Proxy-Authorization} is then set on {@code request}), else origin-form}
     */
    private String target(Request request) {
        if (!upstream.absoluteForm()) {
            return request.path();
        }
        String proxyAuth = connector.proxyAuthorization();
        if (proxyAuth != null) {
            request.headers().set("Proxy-Authorization", proxyAuth);
        }
        return request.url();
    }

    @Override
    public Response readResponseHead(Interim interim) throws IOException {
        // False on a clean end of stream: an idle keep-alive connection the server had closed.
        responseStarted = upstream.source().request(1);
        ResponseHead head = reader.readResponseHead();
        while (head.isInterim() && head.code() != 101) {
            reader.body(BodyFraming.NONE);
            interim.accept(head.toResponse());
            head = reader.readResponseHead();
        }
        framing = reader.responseFraming(method, head);
        persists = KeepAlive.persists(head.version(), head.headers(), framing);
        Response response = head.toResponse();
        response.timestampStart(Instant.now());
        return response;
    }

    @Override
    public boolean responseStarted() {
        return responseStarted;
    }

    @Override
    public BodyFraming responseFraming() {
        return framing;
    }

    @Override
    public Source responseBody() {
        return reader.body(framing);
    }

    @Override
    public @Nullable Headers responseTrailers() {
        return reader.trailers();
    }

    @Override
    public boolean persists() {
        return persists;
    }
}
