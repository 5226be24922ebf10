package dev.mitm4j.core.internal.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams handed to the TLS engine over the connection's own buffered streams. The engine closes
 * its underlying streams when the TLS session ends; the connection's streams belong to the
 * connection (its handler flushes and closes them last), so closing here only flushes.
 */
final class Unclosable {
    private Unclosable() {}

    static InputStream of(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() {}
        };
    }

    static OutputStream of(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
