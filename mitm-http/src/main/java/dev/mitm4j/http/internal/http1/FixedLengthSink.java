package dev.mitm4j.http.internal.http1;

import java.io.IOException;
import java.net.ProtocolException;
import okio.Buffer;
import okio.BufferedSink;
import okio.Sink;
import okio.Timeout;

/** A body of a declared length (or, with length -1, until the connection closes). */
final class FixedLengthSink implements Sink {
    private final Http1Writer writer;
    private final BufferedSink sink;
    private final boolean bounded;
    private long remaining;
    private boolean closed;

    FixedLengthSink(Http1Writer writer, BufferedSink sink, long length) {
        this.writer = writer;
        this.sink = sink;
        this.bounded = length >= 0;
        this.remaining = length;
        if (length == 0) {
            writer.bodyDone();
        }
    }

    @Override
    public void write(Buffer source, long byteCount) throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (bounded && byteCount > remaining) {
            throw new ProtocolException(
                    "expected " + remaining + " more body bytes but received " + byteCount);
        }
        sink.write(source, byteCount);
        if (bounded) {
            remaining -= byteCount;
        }
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
        sink.flush();
        if (bounded && remaining > 0) {
            throw new ProtocolException("body ended " + remaining + " bytes early");
        }
        writer.bodyDone();
    }
}
