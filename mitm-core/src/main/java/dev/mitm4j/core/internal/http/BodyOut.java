package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Writes a body to a peer with its framing: as is (Content-Length, or until close) or in chunked
 * transfer coding. Streamed bodies are flushed chunk by chunk so the peer sees them as they come.
 */
abstract sealed class BodyOut {
    /** The most bytes of a buffered body handed to the sink at once. */
    static final int SLICE = 64 * 1024;

    final BufferedSink sink;

    BodyOut(BufferedSink sink) {
        this.sink = sink;
    }

    static BodyOut identity(BufferedSink sink) {
        return new Identity(sink);
    }

    static BodyOut chunked(BufferedSink sink) {
        return new Chunked(sink);
    }

    /** Writes {@code byteCount} bytes of {@code source} (moving okio segments, not copying). */
    abstract void write(Buffer source, long byteCount) throws IOException;

    /**
     * Writes {@code bytes} a slice at a time (chunked: one chunk per slice), so that the sink's
     * buffer never holds a copy of a large body: a buffered body costs its own array only.
     */
    final void write(byte[] bytes) throws IOException {
        Buffer slice = new Buffer();
        for (int offset = 0; offset < bytes.length; offset += SLICE) {
            int n = Math.min(SLICE, bytes.length - offset);
            slice.write(bytes, offset, n);
            write(slice, n);
        }
    }

    /** Ends the body (the last chunk and trailers for chunked); does not flush. */
    abstract void finish(@Nullable Headers trailers) throws IOException;

    private static final class Identity extends BodyOut {
        Identity(BufferedSink sink) {
            super(sink);
        }

        @Override
        void write(Buffer source, long byteCount) throws IOException {
            sink.write(source, byteCount);
        }

        @Override
        void finish(@Nullable Headers trailers) {}
    }

    private static final class Chunked extends BodyOut {
        Chunked(BufferedSink sink) {
            super(sink);
        }

        @Override
        void write(Buffer source, long byteCount) throws IOException {
            if (byteCount == 0) {
                return;
            }
            sink.writeHexadecimalUnsignedLong(byteCount).writeUtf8("\r\n");
            sink.write(source, byteCount);
            sink.writeUtf8("\r\n");
        }

        @Override
        void finish(@Nullable Headers trailers) throws IOException {
            Heads.writeLastChunk(sink, trailers);
        }
    }
}
