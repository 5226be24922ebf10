package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.HttpParseException.hex;

import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.IncompleteMessageException;
import dev.mitm4j.http.InvalidChunkException;
import dev.mitm4j.http.InvalidLineEndingException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Source;
import okio.Timeout;

/**
 * A chunked body (RFC 9112 section 7.1), decoded. Chunk extensions are checked for control
 * characters and otherwise ignored; trailers go to {@link Http1Reader#trailers()}. The CRLF after a
 * chunk's data is consumed lazily on the next read, so a streamed chunk is delivered as soon as its
 * data has arrived.
 */
final class ChunkedSource implements Source {
    private static final long NEED_SIZE = -1;

    private final Http1Reader reader;
    private final BufferedSource source;
    private long remaining = NEED_SIZE;
    private boolean done;

    ChunkedSource(Http1Reader reader) {
        this.reader = reader;
        this.source = reader.source();
        reader.state(Http1Reader.State.CHUNK_SIZE);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        if (done) {
            return -1;
        }
        try {
            if (remaining == 0) {
                readDataEnd();
                remaining = NEED_SIZE;
            }
            if (remaining == NEED_SIZE) {
                remaining = readSize();
                if (remaining == 0) {
                    finish();
                    return -1;
                }
            }
            return readData(sink, byteCount);
        } catch (HttpParseException e) {
            reader.state(Http1Reader.State.CLOSED);
            throw e;
        }
    }

    private long readData(Buffer sink, long byteCount) throws IOException {
        reader.state(Http1Reader.State.CHUNK_DATA);
        long read = source.read(sink, Math.min(byteCount, remaining));
        if (read < 0) {
            throw new IncompleteMessageException(
                    "stream ended inside chunk data", reader.offset(), "CHUNK_DATA");
        }
        remaining -= read;
        reader.advance(read);
        return read;
    }

    private void finish() throws IOException {
        reader.trailers(reader.readTrailers());
        done = true;
        reader.state(Http1Reader.State.IDLE);
    }

    /** Parses {@code 1*HEXDIG [ BWS ";" chunk-ext ] CRLF}; OWS before the line end is tolerated. */
    private long readSize() throws IOException {
        Http1Reader.State state = Http1Reader.State.CHUNK_SIZE;
        int limit = reader.limits().maxChunkSizeLine();
        byte[] line = reader.readLine(state, limit, "chunk-size line");
        long base = reader.offset() - line.length;
        int end = lineEnd(line, base);
        long size = 0;
        int i = 0;
        for (int d; (d = hexValue(line[i])) >= 0; i++) {
            if (size > (Long.MAX_VALUE >> 4)) {
                throw new InvalidChunkException("chunk size overflows", base + i, state.name());
            }
            size = (size << 4) | d;
        }
        if (i == 0) {
            throw new InvalidChunkException(
                    "invalid chunk size char " + hex(line[0]), base, state.name());
        }
        while (i < end && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i < end && line[i] != ';') {
            throw new InvalidChunkException(
                    "invalid chunk size char " + hex(line[i]), base + i, state.name());
        }
        for (int k = i + 1; k < end; k++) {
            int c = line[k] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidChunkException(
                        "invalid chunk extension char " + hex(c), base + k, state.name());
            }
        }
        return size;
    }

    private int lineEnd(byte[] line, long base) throws InvalidLineEndingException {
        int lf = line.length - 1;
        if (lf > 0 && line[lf - 1] == '\r') {
            return lf - 1;
        }
        if (reader.limits().strict()) {
            throw new InvalidLineEndingException("bare LF without CR", base + lf, "CHUNK_SIZE");
        }
        return lf; // lenient: RFC 9112 section 2.2 allows a lone LF as a line terminator
    }

    /** Consumes the CRLF that must follow chunk data. */
    private void readDataEnd() throws IOException {
        String state = Http1Reader.State.CHUNK_DATA.name();
        long at = reader.offset();
        if (!source.request(1)) {
            throw new IncompleteMessageException("stream ended after chunk data", at, state);
        }
        byte first = source.getBuffer().getByte(0);
        if (first == '\n' && !reader.limits().strict()) {
            source.skip(1); // lenient: bare LF, as for every other line
            reader.advance(1);
            return;
        }
        if (first != '\r') {
            throw new InvalidChunkException("missing CRLF after chunk data", at, state);
        }
        if (!source.request(2)) {
            throw new IncompleteMessageException("stream ended after chunk data", at + 1, state);
        }
        if (source.getBuffer().getByte(1) != '\n') {
            throw new InvalidChunkException("missing CRLF after chunk data", at + 1, state);
        }
        source.skip(2);
        reader.advance(2);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    @Override
    public Timeout timeout() {
        return source.timeout();
    }

    /** Closing before the last chunk abandons the connection. */
    @Override
    public void close() {
        if (!done) {
            reader.state(Http1Reader.State.CLOSED);
        }
    }
}
