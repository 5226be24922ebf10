package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import okio.Buffer;
import okio.Timeout;

/**
 * The outbound side of an {@link Http2Connection}'s streams: heads, DATA and trailers as the
 * streams' users write them. Each write takes the connection's write lock (so HPACK blocks reach
 * the wire in the order they were encoded), checks the stream under the state lock, writes and
 * flushes. DATA waits for both flow-control windows; a body that does not match its declared
 * Content-Length resets the stream instead of ending it.
 *
 * <p>Thread-safe, with the connection's locking rules.
 */
final class Http2Outbound {
    private final Http2Connection c;

    Http2Outbound(Http2Connection connection) {
        this.c = connection;
    }


    void writeHead(Http2Stream stream, List<Headers.Field> fields, Set<String> neverIndexed,
            boolean endStream, boolean interim, long declared) throws IOException {
        c.writeLock.lock();
        try {
            c.lock.lock();
            try {
                checkWritable(stream);
                if (stream.headWritten) {
                    throw new IllegalStateException("head already written on stream "
                            + stream.id());
                }
                failIfAboveHeaderListSize(stream, interim ? "interim response head"
                        : "response head", fields);
                if (!interim) {
                    stream.headWritten = true;
                    stream.declaredOutLength = declared;
                    if (endStream) {
                        endLocally(stream);
                    }
                }
            } finally {
                c.lock.unlock();
            }
            Buffer block = new Buffer();
            c.encoder().encode(fields, neverIndexed, block);
            c.writer.headers(stream.id(), endStream, block, c.peerMaxFrame());
            c.writer.flush();
        } catch (IOException e) {
            c.failFromWrite(e);
            throw e;
        } finally {
            c.writeLock.unlock();
        }
        if (endStream) {
            c.closeIfDone(stream);
        }
    }

    void writeTrailers(Http2Stream stream, List<Headers.Field> fields) throws IOException {
        c.writeLock.lock();
        try {
            c.lock.lock();
            try {
                checkWritable(stream);
                checkBodyComplete(stream);
                failIfAboveHeaderListSize(stream, "trailers", fields);
                endLocally(stream);
            } finally {
                c.lock.unlock();
            }
            Buffer block = new Buffer();
            c.encoder().encode(fields, Set.of(), block);
            c.writer.headers(stream.id(), true, block, c.peerMaxFrame());
            c.writer.flush();
        } catch (IOException e) {
            c.failFromWrite(e);
            throw e;
        } finally {
            c.writeLock.unlock();
        }
        c.closeIfDone(stream);
    }

    /**
     * Waits until the stream and the connection may send and takes up to {@code byteCount}
     * bytes (and one frame) of both windows.
     */
    int reserveWindow(Http2Stream stream, long byteCount, Timeout timeout) throws IOException {
        c.lock.lock();
        try {
            while (true) {
                checkWritable(stream);
                if (!stream.headWritten) {
                    throw new IllegalStateException("write the head before the body");
                }
                long available = Math.min(Math.min(stream.sendWindow, c.connSendWindow),
                        c.peerMaxFrame);
                if (available > 0) {
                    int n = (int) Math.min(available, byteCount);
                    if (stream.declaredOutLength >= 0
                            && stream.written + n > stream.declaredOutLength) {
                        IOException e = new Http2StreamException(stream.id(),
                                Http2ErrorCode.INTERNAL_ERROR,
                                "body longer than its content-length "
                                        + stream.declaredOutLength);
                        c.lock.unlock();
                        try {
                            c.resetLocally(stream, Http2ErrorCode.INTERNAL_ERROR, e);
                        } finally {
                            c.lock.lock();
                        }
                        throw e;
                    }
                    stream.sendWindow -= n;
                    c.connSendWindow -= n;
                    stream.written += n;
                    return n;
                }
                stream.await(timeout);
            }
        } finally {
            c.lock.unlock();
        }
    }

    void writeData(Http2Stream stream, Buffer data, int n) throws IOException {
        c.writeLock.lock();
        try {
            c.lock.lock();
            try {
                checkWritable(stream);
            } finally {
                c.lock.unlock();
            }
            c.guard.dataSent(); // before the write: the peer's answering PING comes after
            c.writer.data(stream.id(), false, data, n, 0);
            c.writer.flush();
        } catch (Http2StreamException e) {
            throw e;
        } catch (IOException e) {
            c.failFromWrite(e);
            throw e;
        } finally {
            c.writeLock.unlock();
        }
    }

    void endStream(Http2Stream stream) throws IOException {
        c.writeLock.lock();
        try {
            c.lock.lock();
            try {
                if (stream.localEnded) {
                    return;
                }
                checkWritable(stream);
                if (!stream.headWritten) {
                    throw new IllegalStateException("write the head before ending the body");
                }
                checkBodyComplete(stream);
                endLocally(stream);
            } finally {
                c.lock.unlock();
            }
            c.writer.data(stream.id(), true, new Buffer(), 0, 0);
            c.writer.flush();
        } catch (Http2StreamException e) {
            throw e;
        } catch (IOException e) {
            c.failFromWrite(e);
            throw e;
        } finally {
            c.writeLock.unlock();
        }
        c.closeIfDone(stream);
    }

    /**
     * Marks the outbound side ended before its last frame is written: a stream whose inbound side
     * ended too is closed now, so that its concurrency slot is free before the peer can see the
     * END_STREAM and open the next stream. The caller holds {@code lock}.
     */
    private void endLocally(Http2Stream stream) {
        stream.localEnded = true;
        if (stream.remoteEnded) {
            c.removeStream(stream);
        }
    }

    /**
     * A field section the peer said it would not accept fails the stream (RST_STREAM
     * INTERNAL_ERROR) instead of being sent. The caller holds {@code lock}.
     */
    private void failIfAboveHeaderListSize(Http2Stream stream, String what,
            List<Headers.Field> fields) throws Http2StreamException {
        Http2StreamException e = c.aboveHeaderListSize(stream.id(), what, fields, "");
        if (e != null) {
            c.lock.unlock();
            try {
                c.resetLocally(stream, Http2ErrorCode.INTERNAL_ERROR, e);
            } finally {
                c.lock.lock();
            }
            throw e;
        }
    }

    /** A body shorter than its declared length resets the stream rather than ending it. */
    private void checkBodyComplete(Http2Stream stream) throws Http2StreamException {
        if (stream.declaredOutLength >= 0 && stream.written != stream.declaredOutLength) {
            Http2StreamException e = new Http2StreamException(stream.id(),
                    Http2ErrorCode.INTERNAL_ERROR, "body of " + stream.written
                            + " bytes ends short of its content-length "
                            + stream.declaredOutLength);
            c.lock.unlock();
            try {
                c.resetLocally(stream, Http2ErrorCode.INTERNAL_ERROR, e);
            } finally {
                c.lock.lock();
            }
            throw e;
        }
    }

    private void checkWritable(Http2Stream stream) throws IOException {
        if (stream.failure != null) {
            throw stream.failure;
        }
        if (stream.localEnded) {
            throw new IllegalStateException("stream " + stream.id() + " already ended");
        }
    }
}
