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

    private final BufferedSource source;
    private final Buffer buffer;
    private final Http1Limits limits;
    private State state = State.IDLE;
    private long offset;
    private @Nullable Headers trailers;

    /** Creates a reader at stream offset 0 of {@code source}. */
    public Http1Reader(BufferedSource source, Http1Limits limits) {
        this.source = source;
        this.buffer = source.getBuffer();
        this.limits = limits;
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
            byte[] line = readLine(State.REQUEST_LINE, limits.maxStartLine(), "request line");
            StartLines.RequestLine rl = StartLines.request(line, start, limits.strict());
            Headers headers = readFields(rl.version(), true);
            state = State.HEAD_READ;
            return new RequestHead(rl.method(), rl.target(), rl.version(), headers, start);
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
            byte[] line = readLine(State.STATUS_LINE, limits.maxStartLine(), "status line");
            StartLines.StatusLine sl = StartLines.status(line, start, limits.strict());
            Headers headers = readFields(sl.version(), false);
            state = State.HEAD_READ;
            return new ResponseHead(sl.version(), sl.code(), sl.reason(), headers, start);
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
        return Framing.request(head.headers());
    }

    /** {@return how the body of this response to a {@code requestMethod} request is delimited} */
    public BodyFraming responseFraming(String requestMethod, ResponseHead head) {
        return Framing.response(requestMethod, head);
    }

    /**
     * {@return a source of the decoded body: de-chunked, and ending where the framing says} The
     * source is valid until it returns -1 or is closed; it does not close the connection.
     */
    public Source body(BodyFraming framing) {
        checkState(State.HEAD_READ);
        trailers = null;
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
        return upgrade != null && hasToken(headers.get("Connection"), "upgrade") ? upgrade : null;
    }

    static boolean keepAlive(String version, Headers headers) {
        String connection = headers.get("Connection");
        if (version.equals(StartLines.HTTP_1_0)) {
            return hasToken(connection, "keep-alive");
        }
        return !hasToken(connection, "close");
    }

    private static boolean hasToken(@Nullable String list, String token) {
        if (list == null) {
            return false;
        }
        for (String part : list.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
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
        return readBlock(State.TRAILERS).headers();
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

    private Headers readFields(String version, boolean request) throws IOException {
        long base = offset;
        FieldParser.Result parsed = readBlock(State.HEADER_NAME);
        state = State.FRAMING;
        Framing.validate(parsed, base, version, request);
        return parsed.headers();
    }

    /** Finds the block's end line by line in the okio buffer, then copies it out once. */
    private FieldParser.Result readBlock(State blockState) throws IOException {
        state = blockState;
        int limit = limits.maxHeaderBlock();
        long pos = 0;
        int count = 0;
        while (true) {
            long lf = source.indexOf((byte) '\n', pos, limit);
            if (lf < 0) {
                throw noLineEnd(limit, "header block");
            }
            long length = lf - pos;
            pos = lf + 1;
            if (length == 0 || (length == 1 && buffer.getByte(lf - 1) == '\r')) {
                break;
            }
            if (++count > limits.maxHeaderCount()) {
                throw new LimitExceededException("more than " + limits.maxHeaderCount()
                        + " header fields", offset + lf - length, state.name());
            }
        }
        long base = offset;
        byte[] block = source.readByteArray(pos);
        offset += pos;
        return FieldParser.parse(block, base, limits.strict(), count);
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
