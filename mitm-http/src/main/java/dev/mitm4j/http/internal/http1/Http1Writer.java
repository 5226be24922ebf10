package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.io.IOException;
import java.util.Locale;
import okio.Buffer;
import okio.BufferedSink;
import okio.Sink;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTTP/1 messages to one direction of a connection: the only HTTP/1 writer, for the
 * codec's users and the proxy alike. Heads are written as given by {@link Http1Heads}: the header
 * block is {@link Headers#toHttp1Bytes()}, so unchanged headers go out byte-for-byte as received,
 * and changed heads are checked against injection first (CR, LF, NUL; see {@link Http1Heads}).
 *
 * <p>Two levels:
 * <ul>
 *   <li>Wire level: {@link #writeRequestHead}/{@link #writeResponseHead}, then
 *       {@link #body(BodyFraming)} and {@link #writeTrailers}. The writer does not add or fix
 *       framing headers here: the caller makes the headers agree with the framing it passes.
 *   <li>Message level, from the model: {@link #sendRequest}/{@link #sendResponse} write a whole
 *       message with one flush, {@link #startRequest}/{@link #startResponse} the head of a
 *       message whose body streams, {@link #sendHead} a message without body (1xx, the 2xx that
 *       opens a tunnel, a CONNECT request). These make the framing headers (Content-Length,
 *       Transfer-Encoding) match the body actually sent, and record whether the connection
 *       carries another message afterwards ({@link #persists()}, decided by {@link KeepAlive}).
 * </ul>
 *
 * <p>Lifecycle, enforced by {@link State} ({@link IllegalStateException} on misuse): a head (IDLE
 * to HEAD_WRITTEN); {@link #body(BodyFraming)}, also for {@link BodyFraming#NONE} (to BODY, or
 * IDLE for NONE); the body, then for chunked bodies optionally {@link #writeTrailers}; closing
 * the body sink finishes the message (to IDLE) and flushes. It never closes the connection.
 *
 * <p>Errors: a head or trailers that would break the message raise
 * {@link IllegalArgumentException} before any byte of them is written (a refused head leaves the
 * writer IDLE, so another message, say a 502, can take its place). A fixed-length body that
 * receives too many or too few bytes raises {@link java.net.ProtocolException}; I/O errors
 * propagate. Not thread-safe: one thread writes a direction.
 */
public final class Http1Writer {
    /** Where the writer is in the message lifecycle. */
    public enum State {
        /** Between messages. */
        IDLE,
        /** A head was written; {@link #body} comes next. */
        HEAD_WRITTEN,
        /** A body sink is open. */
        BODY
    }

    /** The most bytes of a whole body written as one chunk. */
    static final int CHUNK = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final BufferedSink sink;
    private State state = State.IDLE;
    private @Nullable ChunkedSink chunked;
    private boolean persists = true;

    /** Creates a writer over {@code sink}. */
    public Http1Writer(BufferedSink sink) {
        this.sink = sink;
    }

    // ---- message level ----

    /**
     * Writes a whole request, head and body, with one flush. A body whose Transfer-Encoding says
     * chunked goes in chunks of at most 64 KiB, then the request's trailers; any other body gets
     * an exact Content-Length (added only when the body is not empty: a GET gets none).
     *
     * @param target the request-target (origin-form, or absolute-form through a proxy)
     * @throws IllegalArgumentException when the head or the trailers would break the message
     */
    public void sendRequest(Request request, String target) throws IOException {
        byte[] body = request.rawContent() == null ? EMPTY : request.rawContent();
        Headers headers = request.headers();
        boolean chunkedBody = isChunked(headers);
        if (!chunkedBody) {
            fixContentLength(headers, body.length, body.length > 0);
        }
        writeRequestHead(request.method(), target, request.httpVersion(), headers);
        writeWhole(body, chunkedBody ? BodyFraming.CHUNKED
                : BodyFraming.contentLength(body.length), request.trailers());
    }

    /**
     * Writes the head of a request whose body streams: in chunked coding when
     * {@code chunkedBody} (Content-Length removed, Transfer-Encoding set), else of the
     * {@code length} its Content-Length is set to. Nothing is flushed.
     *
     * @return the body's sink
     * @throws IllegalArgumentException when the head would break the message
     */
    public Sink startRequest(Request request, String target, boolean chunkedBody, long length)
            throws IOException {
        Headers headers = request.headers();
        BodyFraming framing;
        if (chunkedBody) {
            makeChunked(headers);
            framing = BodyFraming.CHUNKED;
        } else {
            fixContentLength(headers, length, true);
            framing = BodyFraming.contentLength(length);
        }
        writeRequestHead(request.method(), target, request.httpVersion(), headers);
        return body(framing);
    }

    /**
     * Writes a whole response to a {@code requestMethod} request, head and body, with one flush.
     * A response that has no body (to HEAD; 1xx, 204, 304; a 2xx to CONNECT) is written with its
     * headers as they are; a body whose Transfer-Encoding says chunked goes in chunks of at most
     * 64 KiB, then the trailers; any other body gets an exact Content-Length.
     *
     * @throws IllegalArgumentException when the head or the trailers would break the message
     */
    public void sendResponse(Response response, String requestMethod) throws IOException {
        byte[] body = response.rawContent() == null ? EMPTY : response.rawContent();
        Headers headers = response.headers();
        BodyFraming framing;
        if (Framing.responseHasNoBody(requestMethod, response.statusCode())) {
            framing = BodyFraming.NONE;
        } else if (isChunked(headers)) {
            framing = BodyFraming.CHUNKED;
        } else {
            fixContentLength(headers, body.length, true);
            framing = BodyFraming.contentLength(body.length);
        }
        writeResponseHead(response.httpVersion(), response.statusCode(), response.reason(),
                headers);
        persists = KeepAlive.persists(response.httpVersion(), headers, framing);
        writeWhole(body, framing, response.trailers());
    }

    /**
     * Writes and flushes the head of a response whose body streams. An HTTP/1.1 response goes
     * in chunked coding when its body came chunked ({@code source}) or may change length on the
     * way ({@code resized}); otherwise the body keeps the source's Content-Length, or lasts until
     * the connection closes (an HTTP/1.0 response that may change length loses its
     * Content-Length).
     *
     * @param source how the body arrives
     * @return the body's sink
     * @throws IllegalArgumentException when the head would break the message
     */
    public Sink startResponse(Response response, BodyFraming source, boolean resized)
            throws IOException {
        Headers headers = response.headers();
        BodyFraming framing;
        if (response.httpVersion().equals(StartLines.HTTP_1_1)
                && (source.kind() == BodyFraming.Kind.CHUNKED || resized)) {
            makeChunked(headers);
            framing = BodyFraming.CHUNKED;
        } else if (resized || source.kind() != BodyFraming.Kind.CONTENT_LENGTH) {
            headers.remove("Content-Length");
            framing = BodyFraming.UNTIL_CLOSE;
        } else {
            fixContentLength(headers, source.contentLength(), true);
            framing = source;
        }
        writeResponseHead(response.httpVersion(), response.statusCode(), response.reason(),
                headers);
        persists = KeepAlive.persists(response.httpVersion(), headers, framing);
        sink.flush();
        return body(framing);
    }

    /**
     * Writes and flushes a response head that has no body: an interim (1xx) response, the 2xx
     * that opens a CONNECT tunnel, a 101 before the protocol switches.
     *
     * @throws IllegalArgumentException when the head would break the message
     */
    public void sendHead(String version, int code, String reason, Headers headers)
            throws IOException {
        writeResponseHead(version, code, reason, headers);
        body(BodyFraming.NONE);
        sink.flush();
    }

    /**
     * Writes and flushes a request head that has no body (a CONNECT to an upstream proxy).
     *
     * @throws IllegalArgumentException when the head would break the message
     */
    public void sendRequestHead(String method, String target, String version, Headers headers)
            throws IOException {
        writeRequestHead(method, target, version, headers);
        body(BodyFraming.NONE);
        sink.flush();
    }

    /**
     * {@return whether the connection carries another message after the last response written
     * at message level (see {@link KeepAlive})}
     */
    public boolean persists() {
        return persists;
    }

    // ---- wire level ----

    /**
     * Writes {@code method SP target SP version CRLF} and the header block.
     *
     * @throws IllegalArgumentException when a part would break the message's structure (see
     *     {@link Http1Heads}); nothing is written and the state stays IDLE
     */
    public void writeRequestHead(String method, String target, String version, Headers headers)
            throws IOException {
        checkState(State.IDLE);
        Http1Heads.writeRequestHead(sink, method, target, version, headers);
        state = State.HEAD_WRITTEN;
    }

    /**
     * Writes {@code version SP code SP reason CRLF} and the header block.
     *
     * @throws IllegalArgumentException for a code outside 100..999, or a part that would break
     *     the message's structure (see {@link Http1Heads}); nothing is written then
     */
    public void writeResponseHead(String version, int code, String reason, Headers headers)
            throws IOException {
        checkState(State.IDLE);
        Http1Heads.writeResponseHead(sink, version, code, reason, headers);
        state = State.HEAD_WRITTEN;
    }

    /**
     * {@return a sink for the body, encoding it as {@code framing} says} For NONE the returned sink
     * rejects any byte and the writer is IDLE at once.
     */
    public Sink body(BodyFraming framing) {
        checkState(State.HEAD_WRITTEN);
        state = State.BODY;
        return switch (framing.kind()) {
            case NONE -> new FixedLengthSink(this, sink, 0);
            case CONTENT_LENGTH -> new FixedLengthSink(this, sink, framing.contentLength());
            case CHUNKED -> chunked = new ChunkedSink(this, sink);
            case UNTIL_CLOSE -> new FixedLengthSink(this, sink, -1);
        };
    }

    /**
     * Ends the open chunked body with the last chunk and {@code trailers}; the body sink's
     * {@code close()} then only flushes.
     *
     * @throws IllegalStateException unless a chunked body sink is open
     * @throws IllegalArgumentException when a changed trailer would break the message (see
     *     {@link Http1Heads}); nothing is written then
     */
    public void writeTrailers(Headers trailers) throws IOException {
        if (state != State.BODY || chunked == null) {
            throw new IllegalStateException("state: " + state + ", no chunked body open");
        }
        chunked.finish(trailers);
    }

    /** {@return whether a chunked body sink is open, which {@link #writeTrailers} may end} */
    public boolean chunkedBodyOpen() {
        return state == State.BODY && chunked != null;
    }

    /** Flushes what was written so far to the underlying sink. */
    public void flush() throws IOException {
        sink.flush();
    }

    /** {@return the current state} */
    public State state() {
        return state;
    }

    void bodyDone() {
        state = State.IDLE;
        chunked = null;
    }

    private void checkState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("state: " + state);
        }
    }

    /**
     * Writes a whole body (chunked: 64 KiB a chunk) and its trailers, and closes it: one flush.
     * Refused trailers leave the message unfinished and unflushed.
     */
    private void writeWhole(byte[] body, BodyFraming framing, @Nullable Headers trailers)
            throws IOException {
        Sink out = body(framing);
        if (framing.kind() != BodyFraming.Kind.NONE) {
            Buffer slice = new Buffer();
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                int n = Math.min(CHUNK, body.length - offset);
                slice.write(body, offset, n);
                out.write(slice, n);
            }
        }
        if (trailers != null && framing.kind() == BodyFraming.Kind.CHUNKED) {
            writeTrailers(trailers);
        }
        out.close();
    }

    /** {@return whether {@code headers} announce a chunked body} */
    private static boolean isChunked(Headers headers) {
        String te = headers.get("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** Sets Content-Length to {@code length} when present, or when {@code add}. */
    private static void fixContentLength(Headers headers, long length, boolean add) {
        String value = headers.get("Content-Length");
        String wanted = Long.toString(length);
        if (value == null ? add : !value.equals(wanted)) {
            headers.set("Content-Length", wanted);
        }
    }

    private static void makeChunked(Headers headers) {
        headers.remove("Content-Length");
        if (!isChunked(headers)) {
            headers.set("Transfer-Encoding", "chunked");
        }
    }
}
