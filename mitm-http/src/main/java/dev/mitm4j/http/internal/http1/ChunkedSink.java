package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;
import okio.Sink;
import okio.Timeout;
import org.jspecify.annotations.Nullable;

/** Writes each {@code write} as one chunk (lower-case hex size); close writes the last chunk. */
final class ChunkedSink implements Sink {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Http1Writer writer;
    private final BufferedSink sink;
    private boolean finished;
    private boolean closed;

    ChunkedSink(Http1Writer writer, BufferedSink sink) {
        this.writer = writer;
        this.sink = sink;
    }

    @Override
    public void write(Buffer source, long byteCount) throws IOException {
        if (closed || finished) {
            throw new IllegalStateException(closed ? "closed" : "trailers already written");
        }
        if (byteCount == 0) {
            return; // a zero-size chunk would end the body
        }
        sink.writeHexadecimalUnsignedLong(byteCount).write(CRLF);
        sink.write(source, byteCount);
        sink.write(CRLF);
    }

    /** Writes the last chunk and the trailer block (possibly empty). */
    void finish(@Nullable Headers trailers) throws IOException {
        if (finished) {
            throw new IllegalStateException("trailers already written");
        }
        Http1Heads.writeLastChunk(sink, trailers);
        finished = true;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public Timeout timeout() {
        return sink.timeout();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            finish(null);
        }
        sink.flush();
        writer.bodyDone();
    }
}
