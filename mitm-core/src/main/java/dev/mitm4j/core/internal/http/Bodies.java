package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.core.internal.Connection;
import java.io.IOException;
import okio.Buffer;
import okio.Source;
import org.jspecify.annotations.Nullable;

/** Reading bodies whole (with the size limit and the streaming threshold) and streaming them. */
final class Bodies {
    static final byte[] EMPTY = new byte[0];
    private static final long READ_SIZE = 64 * 1024;

    private Bodies() {}

    /**
     * The result of buffering: either the whole body, or the part read before the body crossed
     * {@code stream_large_bodies} (the rest must then be streamed).
     */
    record Read(byte @Nullable [] whole, @Nullable Buffer prefix) {}

    /**
     * Reads {@code body} until its end, or until it exceeds {@code streamThreshold} (-1: never).
     *
     * @throws BodyTooLargeException when it exceeds {@code sizeLimit} (-1: no limit)
     */
    static Read read(Source body, String what, long sizeLimit, long streamThreshold,
            Connection connection) throws IOException {
        Buffer buffer = new Buffer();
        while (body.read(buffer, READ_SIZE) != -1) {
            connection.active();
            long size = buffer.size();
            if (sizeLimit >= 0 && size > sizeLimit) {
                throw new BodyTooLargeException(what, sizeLimit);
            }
            if (streamThreshold >= 0 && size > streamThreshold) {
                return new Read(null, buffer);
            }
        }
        return new Read(buffer.size() == 0 ? EMPTY : buffer.readByteArray(), null);
    }

    /**
     * Streams {@code prefix} then the rest of {@code body} to {@code out}, flushing after every
     * read, through {@code transformer} when there is one. Never holds more than one read.
     *
     * @return the number of bytes read
     * @throws BodyTooLargeException when the body exceeds {@code sizeLimit} (-1: no limit)
     */
    static long stream(@Nullable Buffer prefix, Source body, BodyOut out,
            @Nullable ChunkTransformer transformer, String what, long sizeLimit,
            Connection connection) throws IOException {
        Buffer buffer = prefix != null ? prefix : new Buffer();
        long total = buffer.size();
        while (true) {
            if (buffer.size() > 0) {
                if (sizeLimit >= 0 && total > sizeLimit) {
                    throw new BodyTooLargeException(what, sizeLimit);
                }
                if (transformer == null) {
                    out.write(buffer, buffer.size());
                } else {
                    out.write(transformer.transform(buffer.readByteArray()));
                }
                out.sink.flush();
            }
            long n = body.read(buffer, READ_SIZE);
            if (n == -1) {
                return total;
            }
            connection.active();
            total += n;
        }
    }
}
