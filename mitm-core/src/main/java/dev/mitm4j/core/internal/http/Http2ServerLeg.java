package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http2.Http2Connection;
import dev.mitm4j.http.internal.http2.Http2ErrorCode;
import dev.mitm4j.http.internal.http2.Http2RequestHead;
import dev.mitm4j.http.internal.http2.Http2ResponseHead;
import dev.mitm4j.http.internal.http2.Http2Stream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okio.Buffer;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * One request as a stream of an HTTP/2 connection to a server (ALPN {@code h2}, or h2c with prior
 * knowledge), and its response: the {@link ServerLeg} of a flow whose server speaks HTTP/2,
 * whatever its client speaks. The request head is built from the model: {@code :authority} from
 * the request's authority, else its {@code Host} field (which is then not sent), connection-specific
 * fields dropped by the codec's writer (RFC 9113 section 8.2.2). The response's
 * {@code http_version} is "HTTP/2.0" and it has no reason phrase of its own. Used by the flow's
 * thread only; the connection under it is shared by the streams of one {@link Upstream}.
 */
final class Http2ServerLeg implements ServerLeg {
    /**
     * How long a plain-text server has to send its SETTINGS after h2c's client preface before it
     * is taken for an HTTP/1 server: an h2c server sends them at once.
     */
    static final Duration PRIOR_KNOWLEDGE_WAIT = Duration.ofSeconds(2);

    /** A plain-text server answered h2c's preface with no SETTINGS: not an h2c server. */
    static final class NoH2cException extends IOException {
        private static final long serialVersionUID = 1L;

        NoH2cException(String authority) {
            super(authority + " does not speak h2c (no SETTINGS after the client preface within "
                    + PRIOR_KNOWLEDGE_WAIT.toSeconds() + " s)");
        }
    }
    private final Upstream upstream;
    private final Http2Connection h2;
    private final boolean reused;
    private @Nullable Http2Stream stream;
    private String method = "GET";
    private BodyFraming framing = BodyFraming.NONE;
    private boolean responseStarted;

    /** A leg for the next request on {@code upstream}, whose HTTP/2 connection is {@code h2}. */
    Http2ServerLeg(Upstream upstream, Http2Connection h2) {
        this.upstream = upstream;
        this.h2 = h2;
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
        byte[] body = request.rawContent() == null ? Bodies.EMPTY : request.rawContent();
        Headers trailers = request.trailers();
        boolean withTrailers = trailers != null && !trailers.isEmpty();
        Headers headers = headers(request);
        if (body.length > 0 || expectsBody(request.method())) {
            headers.set("content-length", Integer.toString(body.length));
        }
        Http2Stream s = open(request, headers, body.length == 0 && !withTrailers);
        if (body.length > 0) {
            Sink sink = s.bodySink();
            sink.write(new Buffer().write(body), body.length);
            finishRequest(sink, withTrailers ? trailers : null);
        } else if (withTrailers) {
            finishRequest(s.bodySink(), trailers);
        }
    }

    @Override
    public Sink startRequest(Request request, BodyFraming source, boolean resized)
            throws IOException {
        Headers headers = headers(request);
        if (resized || source.kind() != BodyFraming.Kind.CONTENT_LENGTH) {
            headers.remove("content-length");
        }
        return open(request, headers, false).bodySink();
    }

    @Override
    public void finishRequest(Sink body, @Nullable Headers trailers) throws IOException {
        Http2ClientLeg.finish(stream(), body, trailers);
    }

    @Override
    public Response readResponseHead(Interim interim) throws IOException {
        Http2ResponseHead head = stream().readResponseHead();
        responseStarted = true;
        while (head.isInterim()) {
            interim.accept(response(head));
            head = stream().readResponseHead();
        }
        Response response = response(head);
        framing = framing(head);
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
        return stream().body();
    }

    @Override
    public @Nullable Headers responseTrailers() {
        return stream().trailers();
    }

    @Override
    public boolean persists() {
        return h2.failure() == null;
    }

    /**
     * {@inheritDoc} Here: h2c with prior knowledge, and the server sent no SETTINGS within
     * {@link #PRIOR_KNOWLEDGE_WAIT}, so nothing of the request was sent.
     */
    @Override
    public boolean retryOverHttp1(IOException failure) {
        return failure instanceof NoH2cException;
    }

    /** Resets the stream, when the flow gives up on it (the connection goes on). */
    void cancel() {
        Http2Stream s = stream;
        if (s != null) {
            s.cancel(Http2ErrorCode.CANCEL);
        }
    }

    private Http2Stream open(Request request, Headers headers, boolean endStream)
            throws IOException {
        if (upstream.priorKnowledge() && !h2.awaitPeerSettings(PRIOR_KNOWLEDGE_WAIT)) {
            throw new NoH2cException(upstream.destination().authority());
        }
        method = request.method();
        String authority = request.authority();
        if (authority.isEmpty()) {
            String host = request.headers().get("host");
            authority = host != null ? host : HostHeaders.of(request.scheme(),
                    new dev.mitm4j.core.spi.Destination(request.host(), request.port()));
        }
        headers.remove("host");
        Http2RequestHead head = Http2RequestHead.of(request.method(), request.scheme(),
                authority, request.path(), headers);
        try {
            stream = h2.newStream(head, endStream);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.head("request", e);
        }
        return stream;
    }

    /** {@return the request's fields to send: a copy, without pseudo-header fields} */
    private static Headers headers(Request request) {
        Headers headers = request.headers().copy();
        for (Headers.Field field : java.util.List.copyOf(headers.fields())) {
            if (field.name().startsWith(":")) {
                headers.remove(field.name());
            }
        }
        headers.remove("transfer-encoding"); // HTTP/2 frames the body itself
        return headers;
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private Response response(Http2ResponseHead head) {
        Response response = Response.builder().httpVersion("HTTP/2.0")
                .statusCode(head.status()).headers(head.headers()).build();
        response.timestampStart(Instant.now());
        return response;
    }

    /**
     * {@return how the body is delimited: none for HEAD, 204 and 304; its content-length when
     * declared (the codec holds the DATA frames to it); else the end of the stream}
     */
    private BodyFraming framing(Http2ResponseHead head) {
        int status = head.status();
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return BodyFraming.NONE;
        }
        String length = head.headers().get("content-length");
        if (length != null) {
            return BodyFraming.contentLength(Long.parseLong(length));
        }
        return BodyFraming.CHUNKED;
    }

    private Http2Stream stream() {
        return Objects.requireNonNull(stream, "no request sent on this leg");
    }
}
