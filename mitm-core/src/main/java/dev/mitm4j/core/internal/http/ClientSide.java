package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.Http1Writer;
import dev.mitm4j.http.internal.http1.RequestHead;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import okio.ForwardingSource;
import okio.Okio;
import okio.Sink;
import org.jspecify.annotations.Nullable;

/**
 * The client's half of an HTTP/1 connection: its reader and writer, the idle and header
 * timeouts, and the proxy's own short answers (400, 407, 502).
 */
final class ClientSide {
    private static final ByteString END_OF_HEAD = ByteString.encodeUtf8("\r\n\r\n");

    private final Connection connection;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final Http1Reader reader;
    private final Http1Writer writer;
    private final long headerNanos;
    private final long responseNanos;
    private final Services services;
    /** The last wait for a server, whose watcher may still be reading the client. */
    private @Nullable UpstreamWait lastWait;
    /** Whether the request being answered is HTTP/1.0 (no 1xx responses for it). */
    private boolean http10;

    ClientSide(Context context, Connection connection, Http1Reader reader, Services services) {
        this.connection = connection;
        this.source = context.clientSource();
        this.sink = context.clientSink();
        this.reader = reader;
        this.writer = new Http1Writer(sink);
        this.services = services;
        this.headerNanos = services.timeouts().header().toNanos();
        this.responseNanos = services.timeouts().idle().toNanos();
    }

    String id() {
        return connection.id();
    }

    String peer() {
        return connection.peer();
    }

    Connection connection() {
        return connection;
    }

    BufferedSource source() {
        return source;
    }

    BufferedSink sink() {
        return sink;
    }

    Http1Reader reader() {
        return reader;
    }

    /**
     * Sends a whole response to a {@code method} request with one flush (see
     * {@link Http1Writer#sendResponse}). {@return whether the connection may carry another
     * request afterwards, as far as the response says}
     *
     * @throws UnwritableHeadException when the writer refuses its head (nothing was written) or
     *     its trailers
     */
    boolean sendResponse(String method, Response response) throws IOException {
        try {
            writer.sendResponse(response, method);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("response", writer, e);
        }
        return writer.persists();
    }

    /**
     * Writes and flushes the head of a response whose body streams (see
     * {@link Http1Writer#startResponse}); {@return the body's sink}
     */
    Sink startResponse(Response response, BodyFraming source, boolean resized)
            throws IOException {
        try {
            return writer.startResponse(response, source, resized);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("response", writer, e);
        }
    }

    /** {@return the HTTP/1 writer of this connection's responses} */
    Http1Writer writer() {
        return writer;
    }

    /** {@return whether the last response written leaves the connection open} */
    boolean responsePersists() {
        return writer.persists();
    }

    /**
     * Writes and flushes a response head without body (1xx, the 2xx of a CONNECT, a 101).
     *
     * @throws UnwritableHeadException when the writer refuses it (nothing was written)
     */
    void sendHead(String version, int code, String reason, Headers headers) throws IOException {
        try {
            writer.sendHead(version, code, reason, headers);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("response", writer, e);
        }
    }

    /** Waits up to {@code tcp_timeout} for the next request; false on a clean end of stream. */
    boolean awaitRequest() throws IOException {
        clientFree();
        return connection.awaitClient(source, 1);
    }

    /**
     * {@return the wait for {@code upstream}'s response head, during which the client is watched
     * and the server timed out (see {@link UpstreamWait}); close it once the head arrived or the
     * read failed}
     */
    UpstreamWait awaitResponse(Upstream upstream) {
        UpstreamWait wait = UpstreamWait.begin(connection, upstream.socket(), source,
                responseNanos);
        lastWait = wait;
        return wait;
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

    /** Waits until no watcher reads the client any more; the connection's thread may read. */
    private void clientFree() {
        UpstreamWait wait = lastWait;
        if (wait != null) {
            lastWait = null;
            wait.awaitClientReads();
        }
    }

    /**
     * Reads a request head; unless it already arrived whole, it must be complete within the
     * header timeout (a deadline for the whole head, against clients that trickle bytes).
     */
    @Nullable RequestHead readHead() throws IOException {
        RequestHead head;
        if (source.getBuffer().indexOf(END_OF_HEAD) >= 0) {
            connection.active();
            head = reader.readRequestHead();
        } else {
            connection.headStarted(headerNanos);
            try {
                head = reader.readRequestHead();
            } finally {
                connection.headDone();
            }
        }
        http10 = head != null && head.version().equals("HTTP/1.0");
        return head;
    }

    /**
     * Forwards a server's interim (1xx) response at once, as RFC 9110 section 15.2 asks of a
     * proxy: 103 Early Hints lets a browser preload while the server still works, 102 tells it
     * the server is alive. Not to HTTP/1.0 clients, which do not expect 1xx responses.
     */
    void sendInterim(ResponseHead head) throws IOException {
        if (!http10) {
            sendHead("HTTP/1.1", head.code(), head.reason(), head.headers());
        }
    }

    /** Sends {@code 100 Continue}. */
    void sendContinue() throws IOException {
        sendHead("HTTP/1.1", 100, "Continue", new Headers());
    }

    /**
     * Answers a malformed {@code what} ("request", "request body") with 400 and logs it once,
     * at INFO with the client's address (the codec's message names the problem, the offset and
     * the parser state, never a header value or body byte).
     */
    void rejectMalformed(String what, HttpParseException e) throws IOException {
        String message = "malformed " + what + " from " + peer() + ": " + e.getMessage();
        services.log().info("{}: {}", id(), message);
        services.addons().fire(Hook.ADD_LOG, new LogEntry("info", message));
        sendError(400, "Bad Request", "malformed " + what + ": " + e.getMessage());
    }

    /** Sends a short plain-text answer of the proxy itself and asks the client to close. */
    void sendError(int code, String reason, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("Content-Type", "text/plain; charset=utf-8",
                "Content-Length", Integer.toString(body.length), "Connection", "close");
        sendResponse("GET", Response.builder().statusCode(code).reason(reason).headers(headers)
                .content(body).build());
    }
}
