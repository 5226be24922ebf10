package dev.mitm4j.http.internal.websocket;

import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** Yields at most one byte per read, to prove the readers never assume a whole frame. */
final class OneByteSource implements Source {
    private final Buffer data;

    OneByteSource(byte[] bytes) {
        this.data = new Buffer().write(bytes);
    }

    @Override
    public long read(Buffer sink, long byteCount) {
        return data.read(sink, Math.min(1, byteCount));
    }

    @Override
    public Timeout timeout() {
        return Timeout.NONE;
    }

    @Override
    public void close() {}
}
