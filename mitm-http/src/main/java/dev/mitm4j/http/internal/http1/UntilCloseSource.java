package dev.mitm4j.http.internal.http1;

import java.io.IOException;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** A response body delimited by the end of the stream; the reader is CLOSED afterwards. */
final class UntilCloseSource implements Source {
    private final Http1Reader reader;

    UntilCloseSource(Http1Reader reader) {
        this.reader = reader;
        reader.state(Http1Reader.State.BODY);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        long read = reader.source().read(sink, byteCount);
        if (read < 0) {
            reader.state(Http1Reader.State.CLOSED);
            return -1;
        }
        reader.advance(read);
        return read;
    }

    @Override
    public Timeout timeout() {
        return reader.source().timeout();
    }

    @Override
    public void close() {
        reader.state(Http1Reader.State.CLOSED);
    }
}
