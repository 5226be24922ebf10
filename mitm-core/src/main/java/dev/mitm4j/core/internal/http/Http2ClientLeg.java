package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http2.Http2ErrorCode;
import dev.mitm4j.http.internal.http2.Http2ResponseHead;
import dev.mitm4j.http.internal.http2.Http2Stream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of one HTTP/2 stream: the request as the codec received it, the response
 * written back on the same stream. The connection lives on whatever happens to one stream: the
 * proxy's own answers (400, 502, 504) go to that stream only, and a stream that ends badly is
 * reset. Response heads lose what HTTP/2 has no place for (reason phrase, connection-specific
 * fields: the codec's writer drops those); a body whose length is not known ends with the stream.
 * Used by the stream's thread only.
 */
final class Http2ClientLeg implements ClientLeg {
    private final Http2Stream stream;
    private final Connection connection;
    private final long responseNanos;
    private final BodyFraming requestFraming;
    private boolean responseStarted;

    Http2ClientLeg(Http2Stream stream, Connection connection, long responseNanos) {
        this.stream = stream;
        this.connection = connection;
        this.responseNanos = responseNanos;
        this.requestFraming = framing(stream);
    }

    /**
     * {@return how the request body is delimited: by its content-length (the codec holds the
     * DATA frames to it), not at all when the stream ended with its head, else by the end of
     * the stream (read as a chunked body would be)}
     */
    private static BodyFraming framing(Http2Stream stream) {
        String length = stream.requestHead().headers().get("content-length");
        if (length != null) {
            return BodyFraming.contentLength(Long.parseLong(length)); // checked by the codec
        }
        return stream.inboundEmpty() ? BodyFraming.NONE : BodyFraming.CHUNKED;
    }

    /** {@return the stream, for its layer} */
    Http2Stream stream() {
        return stream;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public boolean replay() {
        return false;
    }

    @Override
    public BodyFraming requestFraming() {
        return requestFraming;
    }

    /**
     * An HTTP/2 client that waits for {@code 100 Continue} gets it as an interim head; the
     * request then loses its {@code expect} field.
     */
    @Override
    public void continueRequest(Request request) throws IOException {
        String expect = request.headers().get("expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue") && !stream.inboundEmpty()) {
            request.headers().remove("Expect");
            interim(Response.builder().statusCode(100).build());
        }
    }

    @Override
    public Source requestBody() {
        return stream.body();
    }

    @Override
    public @Nullable Headers requestTrailers() {
        return stream.trailers();
    }

    @Override
    public UpstreamWait awaitResponse(Socket server) {
        return UpstreamWait.beginOnStream(connection, server, stream::failed, responseNanos);
    }

    @Override
    public void interim(Response interim) throws IOException {
        if (interim.statusCode() == 101) {
            return; // HTTP/2 has no 101; the stream fails when the final head is one
        }
        try {
            stream.writeResponseHead(Http2ResponseHead.of(interim.statusCode(),
                    interim.headers().copy()), false);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.head("response", e);
        }
    }

    @Override
    public void respond(String method, Response response) throws IOException {
        byte[] body = method.equals("HEAD") ? Bodies.EMPTY : content(response);
        Headers headers = response.headers().copy();
        if (!method.equals("HEAD") && !bodiless(response.statusCode())) {
            headers.set("content-length", Integer.toString(body.length));
        }
        Headers trailers = response.trailers();
        boolean withTrailers = trailers != null && !trailers.isEmpty();
        writeHead(response.statusCode(), headers, body.length == 0 && !withTrailers);
        Sink sink = stream.bodySink();
        if (body.length > 0) {
            sink.write(new Buffer().write(body), body.length);
        }
        finishResponse(sink, withTrailers ? trailers : null);
    }

    @Override
    public Sink startResponse(Response response, BodyFraming source, boolean resized)
            throws IOException {
        Headers headers = response.headers().copy();
        if (resized || source.kind() != BodyFraming.Kind.CONTENT_LENGTH) {
            headers.remove("content-length");
        }
        writeHead(response.statusCode(), headers, false);
        return stream.bodySink();
    }

    @Override
    public void finishResponse(Sink body, @Nullable Headers trailers) throws IOException {
        finish(stream, body, trailers);
    }

    /**
     * Ends the outbound message of {@code stream} (either role) after its {@code body}: with
     * {@code trailers} when there are any (they end the stream), else by closing the body.
     *
     * @throws UnwritableHeadException when the codec refuses the trailers
     */
    static void finish(Http2Stream stream, Sink body, @Nullable Headers trailers)
            throws IOException {
        if (trailers != null && !trailers.isEmpty()) {
            body.flush();
            try {
                stream.writeTrailers(trailers);
            } catch (IllegalArgumentException e) {
                throw UnwritableHeadException.trailers(e);
            }
            return;
        }
        body.close();
    }

    @Override
    public boolean responseStarted() {
        return responseStarted;
    }

    @Override
    public void sendError(int code, String reason, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        respond("GET", Response.builder().statusCode(code).reason(reason)
                .headers(Headers.of("content-type", "text/plain; charset=utf-8"))
                .content(body).build());
    }

    /** Resets the stream unless its response ended: the flow did not end well. */
    void abandon() {
        stream.cancel(Http2ErrorCode.CANCEL);
    }

    private void writeHead(int status, Headers headers, boolean endStream) throws IOException {
        if (status == 101) {
            throw UnwritableHeadException.head("response", new IllegalArgumentException(
                    "HTTP/2 has no 101 Switching Protocols (the server switched an HTTP/1 "
                            + "request to another protocol)"));
        }
        try {
            stream.writeResponseHead(Http2ResponseHead.of(status, headers), endStream);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.head("response", e);
        }
        responseStarted = true;
    }

    private static byte[] content(Response response) {
        byte[] raw = response.rawContent();
        return raw == null ? Bodies.EMPTY : raw;
    }

    /** {@return whether a response with {@code status} never has a body (RFC 9110 6.4.1)} */
    private static boolean bodiless(int status) {
        return status == 204 || status == 304 || (status >= 100 && status < 200);
    }
}
