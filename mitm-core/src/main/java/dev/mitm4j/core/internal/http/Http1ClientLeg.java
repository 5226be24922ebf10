package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.Http1Writer;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import okio.ForwardingSource;
import okio.Okio;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of an HTTP/1 connection, one request after the other: the codec's reader and
 * writer, the header and response timeouts, the keep-alive decision, and the proxy's own short
 * answers. The {@link ClientLeg} of each request's {@link HttpStream}, from {@link #begin} to the
 * stream's end. Used by the connection's thread.
 */
final class Http1ClientLeg implements ClientLeg {
    private static final ByteString END_OF_HEAD = ByteString.encodeUtf8("\r\n\r\n");

    private final Connection connection;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final Http1Reader reader;
    private final Http1Writer writer;
    private final long headerNanos;
    private final long responseNanos;
    /** The last wait for a server, whose watcher may still be reading the client. */
    private @Nullable UpstreamWait lastWait;
    /** The request being answered. */
    private @Nullable RequestHead head;
    private BodyFraming requestFraming = BodyFraming.NONE;
    private boolean responseStarted;

    Http1ClientLeg(Context context, Connection connection, Services services) {
        this.connection = connection;
        this.source = context.clientSource();
        this.reader = new Http1Reader(source, services.limits());
        this.sink = context.clientSink();
        this.writer = new Http1Writer(sink);
        this.headerNanos = services.timeouts().header().toNanos();
        this.responseNanos = services.timeouts().idle().toNanos();
    }

    /** Waits up to {@code tcp_timeout} for the next request; false on a clean end of stream. */
    boolean awaitRequest() throws IOException {
        clientFree();
        return connection.awaitClient(source, 1);
    }

    /**
     * Reads a request head; unless it already arrived whole, it must be complete within the
     * header timeout (a deadline for the whole head, against clients that trickle bytes).
     */
    @Nullable RequestHead readHead() throws IOException {
        if (source.getBuffer().indexOf(END_OF_HEAD) >= 0) {
            connection.active();
            return reader.readRequestHead();
        }
        connection.headStarted(headerNanos);
        try {
            return reader.readRequestHead();
        } finally {
            connection.headDone();
        }
    }

    /**
     * The stream of {@code request} begins: the answers that follow are for it. Its body is
     * delimited as the client sent it, whatever an addon changes in its headers later.
     */
    void begin(RequestHead request) {
        head = request;
        requestFraming = reader.requestFraming(request);
        responseStarted = false;
    }

    /**
     * {@return whether the connection carries another request: the request did not ask to close,
     * nor did the response written for it}
     */
    boolean keepAlive() {
        return head != null && head.keepAlive() && writer.persists();
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

    @Override
    public void continueRequest(Request request) throws IOException {
        if (request().expectsContinue()) {
            request.headers().remove("Expect");
            sendHead(100, "Continue", new Headers());
        }
    }

    @Override
    public Source requestBody() {
        return reader.body(requestFraming);
    }

    @Override
    public @Nullable Headers requestTrailers() {
        return reader.trailers();
    }

    @Override
    public UpstreamWait awaitResponse(Socket server) {
        UpstreamWait wait = UpstreamWait.begin(connection, server, source, responseNanos);
        lastWait = wait;
        return wait;
    }

    /**
     * Forwards a server's interim (1xx) response at once, as RFC 9110 section 15.2 asks of a
     * proxy: 103 Early Hints lets a browser preload while the server still works, 102 tells it
     * the server is alive. Not to HTTP/1.0 clients, which do not expect 1xx responses.
     */
    @Override
    public void interim(Response interim) throws IOException {
        if (!request().version().equals("HTTP/1.0")) {
            sendHead(interim.statusCode(), interim.reason(), interim.headers());
        }
    }

    @Override
    public void respond(String method, Response response) throws IOException {
        responseStarted = true;
        try {
            writer.sendResponse(http1(response), method);
        } catch (IllegalArgumentException e) {
            throw refused(e);
        }
    }

    @Override
    public Sink startResponse(Response response, BodyFraming source, boolean resized)
            throws IOException {
        responseStarted = true;
        try {
            return writer.startResponse(http1(response), source, resized);
        } catch (IllegalArgumentException e) {
            throw refused(e);
        }
    }

    @Override
    public void finishResponse(Sink body, @Nullable Headers trailers) throws IOException {
        Bodies.finish(body, writer, trailers, "response");
    }

    @Override
    public boolean responseStarted() {
        return responseStarted;
    }

    @Override
    public void sendError(int code, String reason, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("Content-Type", "text/plain; charset=utf-8",
                "Content-Length", Integer.toString(body.length), "Connection", "close");
        respond("GET", Response.builder().statusCode(code).reason(reason).headers(headers)
                .content(body).build());
    }

    /**
     * {@return the client's source for a relay after a 101: its reads first wait until a
     * watcher's last read of the client returned}
     */
    BufferedSource relaySource() {
        UpstreamWait wait = lastWait;
        if (wait == null) {
            return source;
        }
        lastWait = null;
        return Okio.buffer(new ForwardingSource(source) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                wait.awaitClientReads();
                return super.read(sink, byteCount);
            }
        });
    }

    /** {@return the client's sink, for a relay after a 101} */
    BufferedSink sink() {
        return sink;
    }

    /** Waits until no watcher reads the client any more; the connection's thread may read. */
    private void clientFree() {
        UpstreamWait wait = lastWait;
        if (wait != null) {
            lastWait = null;
            wait.awaitClientReads();
        }
    }

    /**
     * {@return {@code response} itself when it is HTTP/1, else a copy to write as HTTP/1.1 (an
     * HTTP/2 server's response; its reason phrase is the status code's default)}
     */
    private static Response http1(Response response) {
        if (response.httpVersion().startsWith("HTTP/1")) {
            return response;
        }
        Response copy = response.copy();
        copy.httpVersion("HTTP/1.1");
        return copy;
    }

    private RequestHead request() {
        RequestHead request = head;
        if (request == null) {
            throw new IllegalStateException("no request begun");
        }
        return request;
    }

    private void sendHead(int code, String reason, Headers headers) throws IOException {
        try {
            writer.sendHead("HTTP/1.1", code, reason, headers);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("response", writer, e);
        }
    }

    /** A head refused is nothing sent; refused trailers end a response already begun. */
    private UnwritableHeadException refused(IllegalArgumentException e) {
        responseStarted = writer.state() != Http1Writer.State.IDLE;
        return UnwritableHeadException.refused("response", writer, e);
    }
}
