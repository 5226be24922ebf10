package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.IncompleteMessageException;
import java.io.IOException;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** A body of exactly Content-Length bytes. */
final class FixedLengthSource implements Source {
    private final Http1Reader reader;
    private long remaining;

    FixedLengthSource(Http1Reader reader, long length) {
        this.reader = reader;
        this.remaining = length;
        reader.state(length == 0 ? Http1Reader.State.IDLE : Http1Reader.State.BODY);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        long read = reader.source().read(sink, Math.min(byteCount, remaining));
        if (read < 0) {
            reader.state(Http1Reader.State.CLOSED);
            throw new IncompleteMessageException("stream ended " + remaining
                    + " bytes before the end of the body", reader.offset(), "BODY");
        }
        remaining -= read;
        reader.advance(read);
        if (remaining == 0) {
            reader.state(Http1Reader.State.IDLE);
        }
        return read;
    }

    @Override
    public Timeout timeout() {
        return reader.source().timeout();
    }

    /** Closing before the end abandons the connection: the rest of the body is still unread. */
    @Override
    public void close() {
        if (remaining != 0) {
            reader.state(Http1Reader.State.CLOSED);
        }
    }
}
