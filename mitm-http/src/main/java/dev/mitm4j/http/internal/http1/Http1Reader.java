package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.IncompleteMessageException;
import dev.mitm4j.http.LimitExceededException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/1 messages (RFC 9112) from one direction of a connection: request heads from a client
 * or response heads from a server, then their bodies.
 *
 * <p>Lifecycle, enforced by {@link State} ({@link IllegalStateException} on misuse):
 * <ol>
 *   <li>{@link #readRequestHead()} or {@link #readResponseHead()} (state IDLE to HEAD_READ).
 *   <li>{@link #requestFraming} or {@link #responseFraming} decides how the body is delimited.
 *   <li>{@link #body(BodyFraming)} returns the decoded body; it must be called even for
 *       {@link BodyFraming#NONE}, so that a body is never mistaken for the next message.
 *   <li>Read the body to its end (state back to IDLE); then {@link #trailers()} holds chunked
 *       trailers, and the next head may be read. Closing the body early, or a body that lasts
 *       until close, leaves the reader CLOSED.
 * </ol>
 *
 * <p>Errors: malformed input raises a subtype of {@link HttpParseException} carrying the stream
 * offset and the parser state, after which the reader is CLOSED; I/O failures propagate as they
 * are. Strict by default (see {@link Http1Limits}). Not thread-safe: one thread reads a direction.
 */
public final class Http1Reader {
    /** Where the reader is; parse errors name the sub-state in which they were found. */
    public enum State {
        /** Between messages. */
        IDLE,
        /** Reading a request line. */
        REQUEST_LINE,
        /** Reading a status line. */
        STATUS_LINE,
        /** Reading a field name. */
        HEADER_NAME,
        /** Reading a field value. */
        HEADER_VALUE,
        /** Checking Content-Length and Transfer-Encoding. */
        FRAMING,
        /** A head was returned; {@link #body} comes next. */
        HEAD_READ,
        /** Reading a body delimited by length or by close. */
        BODY,
        /** Reading a chunk-size line. */
        CHUNK_SIZE,
        /** Reading chunk data and its CRLF. */
        CHUNK_DATA,
        /** Reading the trailer block. */
        TRAILERS,
        /** Unusable: the stream ended, failed, or a body was abandoned. */
        CLOSED
    }

    /**
     * Bytes copied out for a first parse attempt. Heads are almost always smaller, and a buffer
     * that also holds pipelined bodies should not be copied up to the full limit every time.
     * A truncated copy never causes a false limit error: the parser only reports a limit when
     * the bytes it has already exceed it.
     */
    private static final int FIRST_COPY = 16 * 1024;

    private final BufferedSource source;
    private final Buffer buffer;
    private final Http1Limits limits;
    private final HeadScanner scanner;
    private State state = State.IDLE;
    private long offset;
    private @Nullable Headers trailers;
    private @Nullable Headers lastHeaders;
    private BodyFraming lastFraming = BodyFraming.NONE;

    /** Creates a reader at stream offset 0 of {@code source}. */
    public Http1Reader(BufferedSource source, Http1Limits limits) {
        this.source = source;
        this.buffer = source.getBuffer();
        this.limits = limits;
        this.scanner = new HeadScanner(source);
    }

    /**
     * {@return the next request head, or null when the stream ends cleanly before its first
     * byte}
     *
     * @throws HttpParseException on malformed input or an exceeded limit
     * @throws IOException when reading fails
     */
    public @Nullable RequestHead readRequestHead() throws IOException {
        checkState(State.IDLE);
        if (!skipEmptyLines()) {
            state = State.CLOSED;
            return null;
        }
        try {
            long start = offset;
            Head head = readHead(true);
            StartLines.RequestLine rl = (StartLines.RequestLine) head.startLine;
            return new RequestHead(rl.method(), rl.target(), rl.version(), head.headers, start);
        } catch (HttpParseException e) {
            state = State.CLOSED;
            throw e;
        }
    }

    /**
     * {@return the next response head} An interim (1xx) response is returned like any other.
     *
     * @throws HttpParseException on malformed input, an exceeded limit, or a stream that ends
     *     before a complete head
     * @throws IOException when reading fails
     */
    public ResponseHead readResponseHead() throws IOException {
        checkState(State.IDLE);
        try {
            long start = offset;
            Head head = readHead(false);
            StartLines.StatusLine sl = (StartLines.StatusLine) head.startLine;
            return new ResponseHead(sl.version(), sl.code(), sl.reason(), head.headers, start);
        } catch (HttpParseException e) {
            state = State.CLOSED;
            throw e;
        }
    }

    /**
     * {@return how the body of this request is delimited}
     *
     * @throws IllegalArgumentException when headers changed after reading frame it ambiguously
     */
    public BodyFraming requestFraming(RequestHead head) {
        if (head.headers() == lastHeaders && lastHeaders.isRaw()) {
            return lastFraming; // decided while validating, and the headers are unchanged
        }
        return Framing.request(head.headers());
    }

    /** {@return how the body of this response to a {@code requestMethod} request is delimited} */
    public BodyFraming responseFraming(String requestMethod, ResponseHead head) {
        if (Framing.responseHasNoBody(requestMethod, head.code())) {
            return BodyFraming.NONE;
        }
        if (head.headers() == lastHeaders && lastHeaders.isRaw()) {
            return lastFraming;
        }
        return Framing.response(head.headers());
    }

    /**
     * {@return a source of the decoded body: de-chunked, and ending where the framing says} The
     * source is valid until it returns -1 or is closed; it does not close the connection.
     */
    public Source body(BodyFraming framing) {
        checkState(State.HEAD_READ);
        trailers = null;
        lastHeaders = null;   // framing is decided; an idle connection keeps no head
        return switch (framing.kind()) {
            case NONE -> {
                state = State.IDLE;
                yield new Buffer();
            }
            case CONTENT_LENGTH -> new FixedLengthSource(this, framing.contentLength());
            case CHUNKED -> new ChunkedSource(this);
            case UNTIL_CLOSE -> new UntilCloseSource(this);
        };
    }

    /** {@return the trailers of the last chunked body, once it was read to the end} */
    public @Nullable Headers trailers() {
        return trailers;
    }

    /** {@return the current state} */
    public State state() {
        return state;
    }

    /** {@return the number of bytes consumed from the source so far} */
    public long offset() {
        return offset;
    }

    /** {@return the Upgrade protocols when Connection lists "upgrade", else null} */
    static @Nullable String upgrade(Headers headers) {
        String upgrade = headers.get("Upgrade");
        return upgrade != null && KeepAlive.hasToken(headers.get("Connection"), "upgrade")
                ? upgrade : null;
    }

    // ---- used by the body sources ----

    BufferedSource source() {
        return source;
    }

    Http1Limits limits() {
        return limits;
    }

    void advance(long bytes) {
        offset += bytes;
    }

    void state(State next) {
        state = next;
    }

    void trailers(Headers trailers) {
        this.trailers = trailers;
    }

    /** Reads a trailer block (after the last chunk) the same way as a header block. */
    Headers readTrailers() throws IOException {
        state = State.TRAILERS;
        int max = limits.maxHeaderBlock();
        FieldParser.Result block = parseTrailers(Math.min(max, FIRST_COPY));
        if (block == null && buffer.size() > FIRST_COPY) {
            block = parseTrailers(max);
        }
        if (block == null) {
            scanner.awaitBlockEnd(max, true);
            block = parseTrailers(max);
            if (block == null) {
                throw incomplete("trailers");
            }
        }
        consume(block.end());
        return block.headers();
    }

    private FieldParser.@Nullable Result parseTrailers(int max) throws IOException {
        byte[] b = scanner.copyBuffered(max);
        return FieldParser.parse(b, 0, b.length - 1, offset, limits);
    }

    /**
     * Reads one line up to {@code limit} bytes including LF and returns it with its LF.
     *
     * @throws LimitExceededException when no LF is found within {@code limit} bytes
     * @throws IncompleteMessageException when the stream ends first
     */
    byte[] readLine(State lineState, int limit, String what) throws IOException {
        state = lineState;
        long lf = source.indexOf((byte) '\n', 0, limit);
        if (lf < 0) {
            throw noLineEnd(limit, what);
        }
        byte[] line = source.readByteArray(lf + 1);
        offset += lf + 1;
        return line;
    }

    private HttpParseException noLineEnd(int limit, String what) {
        if (buffer.size() >= limit) {
            return new LimitExceededException(
                    what + " longer than " + limit + " bytes", offset + limit, state.name());
        }
        return new IncompleteMessageException(
                "stream ended inside " + what, offset + buffer.size(), state.name());
    }

    /** A start line and the header fields after it. */
    private record Head(Record startLine, Headers headers) {}

    /**
     * Reads a whole head. The fast path copies what is buffered and parses it in one pass; only
     * when that is incomplete does it wait, scanning each new byte once for the head's end, and
     * parse again, so a slowly trickling head costs linear time.
     */
    private Head readHead(boolean request) throws IOException {
        int max = limits.maxStartLine() + limits.maxHeaderBlock();
        Head head = parseHead(request, Math.min(max, FIRST_COPY));
        if (head == null && buffer.size() > FIRST_COPY) {
            head = parseHead(request, max);
        }
        if (head == null) {
            scanner.awaitBlockEnd(max, false);
            head = parseHead(request, max);
            if (head == null) {
                throw incomplete(request ? "request head" : "response head");
            }
        }
        return head;
    }

    private @Nullable Head parseHead(boolean request, int max) throws IOException {
        state = request ? State.REQUEST_LINE : State.STATUS_LINE;
        byte[] b = scanner.copyBuffered(max);
        int len = b.length - 1;
        int lf = HeadScanner.indexOfLf(b, Math.min(len, limits.maxStartLine()));
        if (lf < 0) {
            if (len >= limits.maxStartLine()) {
                String what = request ? "request line" : "status line";
                throw new LimitExceededException(what + " longer than " + limits.maxStartLine()
                        + " bytes", offset + limits.maxStartLine(), state.name());
            }
            return null;
        }
        Record line = request
                ? StartLines.request(b, lf, offset, limits.strict())
                : StartLines.status(b, lf, offset, limits.strict());
        state = State.HEADER_NAME;
        FieldParser.Result block = FieldParser.parse(b, lf + 1, len, offset, limits);
        if (block == null) {
            return null;
        }
        state = State.FRAMING;
        String version = request ? ((StartLines.RequestLine) line).version()
                : ((StartLines.StatusLine) line).version();
        lastFraming = Framing.validate(block, offset, version, request);
        lastHeaders = block.headers();
        consume(block.end());
        state = State.HEAD_READ;
        return new Head(line, block.headers());
    }

    private void consume(int bytes) throws IOException {
        source.skip(bytes);
        offset += bytes;
    }

    private IncompleteMessageException incomplete(String what) {
        return new IncompleteMessageException(
                "stream ended inside " + what, offset + buffer.size(), state.name());
    }

    /** Skips the empty lines RFC 9112 section 2.2 says a server should ignore before a request. */
    private boolean skipEmptyLines() throws IOException {
        for (int skipped = 0; skipped < limits.maxStartLine(); ) {
            if (!source.request(1)) {
                return false;
            }
            byte b = buffer.getByte(0);
            if (b == '\r' && source.request(2) && buffer.getByte(1) == '\n') {
                source.skip(2);
                offset += 2;
                skipped += 2;
            } else if (b == '\n' && !limits.strict()) {
                source.skip(1); // lenient: a bare LF counts as an empty line
                offset += 1;
                skipped += 1;
            } else {
                return true;
            }
        }
        return source.request(1);
    }

    private void checkState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("state: " + state);
        }
    }
}
