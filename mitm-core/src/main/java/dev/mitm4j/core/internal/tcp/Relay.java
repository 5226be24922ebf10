package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicReference;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Copies bytes both ways between the client and a server until both directions ended: the
 * client-to-server direction on a new virtual thread, the other on the caller's. When one side
 * ends, the other side's output is shut down (half-close), as TCP would.
 */
public final class Relay {
    private static final long READ_SIZE = 64 * 1024;

    /** What happens to each chunk read; the default forwards it unchanged. */
    public interface Chunks {
        /**
         * Forwards {@code chunk} (read from the client when {@code fromClient}) to {@code to}, or
         * not; may change it.
         */
        void forward(boolean fromClient, Buffer chunk, BufferedSink to) throws IOException;

        Chunks UNCHANGED = (fromClient, chunk, to) -> to.write(chunk, chunk.size());
    }

    /** One end of a relay. */
    public interface End {
        /** {@return the bytes from this end} */
        BufferedSource source();

        /** {@return the bytes to this end} */
        BufferedSink sink();

        /** Flushes, then half-closes toward this end; closes it when that fails. */
        void shutdownOutput();

        /** Closes this end at once (the other direction failed). */
        void abort();

        /** {@return the client's end in {@code context}: its current streams, its socket} */
        static End client(Context context) {
            return client(context.root(), context.clientSource(), context.clientSink());
        }

        /**
         * {@return the client's end through {@code source} and {@code sink} (the streams of a
         * layer above the root's); half-close and abort act on the client connection}
         */
        static End client(RootContext root, BufferedSource source, BufferedSink sink) {
            return new End() {
                @Override
                public BufferedSource source() {
                    return source;
                }

                @Override
                public BufferedSink sink() {
                    return sink;
                }

                @Override
                public void shutdownOutput() {
                    try {
                        sink.flush();
                        root.shutdownOutput();
                    } catch (IOException e) {
                        abort();
                    }
                }

                @Override
                public void abort() {
                    root.kill();
                }
            };
        }

        /** {@return the server's end} */
        static End server(UpstreamConnection server) {
            return new End() {
                @Override
                public BufferedSource source() {
                    return server.source();
                }

                @Override
                public BufferedSink sink() {
                    return server.sink();
                }

                @Override
                public void shutdownOutput() {
                    try {
                        server.shutdownOutput();
                    } catch (IOException e) {
                        server.close();
                    }
                }

                @Override
                public void abort() {
                    server.close();
                }
            };
        }
    }

    private Relay() {}

    /**
     * Relays between the ends until both directions ended, on the caller's thread and one
     * started through {@code root}; each chunk restarts the connection's idle clock.
     *
     * @throws EndFailedException the first failure of either direction, naming the end it
     *     happened at
     */
    public static void run(RootContext root, End client, End server, Chunks chunks)
            throws IOException {
        AtomicReference<EndFailedException> first = new AtomicReference<>();
        Thread up = root.startThread("client->server",
                () -> pumpOrAbort(root::active, true, client, server, chunks, first));
        pumpOrAbort(root::active, false, client, server, chunks, first);
        try {
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (first.get() != null) {
            throw first.get();
        }
    }

    /**
     * Pumps one direction; on failure records it (unless the other direction failed first, so
     * that the abort it caused here is not taken for the cause) and aborts both ends.
     */
    private static void pumpOrAbort(Runnable active, boolean fromClient, End client, End server,
            Chunks chunks, AtomicReference<EndFailedException> first) {
        try {
            pump(active, fromClient, fromClient ? client : server, fromClient ? server : client,
                    chunks);
        } catch (EndFailedException e) {
            first.compareAndSet(null, e);
            server.abort();
            client.abort();
        }
    }

    private static void pump(Runnable active, boolean fromClient, End from, End to,
            Chunks chunks) throws EndFailedException {
        Buffer buffer = new Buffer();
        while (read(fromClient, from, buffer) != -1) {
            active.run();
            try {
                chunks.forward(fromClient, buffer, to.sink());
                buffer.clear();
                to.sink().flush();
            } catch (IOException e) {
                throw new EndFailedException(!fromClient, e);
            }
        }
        to.shutdownOutput();
    }

    private static long read(boolean fromClient, End from, Buffer buffer)
            throws EndFailedException {
        try {
            return from.source().read(buffer, READ_SIZE);
        } catch (IOException e) {
            throw new EndFailedException(fromClient, e);
        }
    }

    /**
     * A relay failed reading from or writing to one end; the message is the cause's.
     * {@link #clientLeft()} tells a client that closed or reset its connection (a normal end
     * of a tunnel, as mitmproxy counts it) from a failure worth reporting.
     */
    public static final class EndFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        private final boolean atClient;

        EndFailedException(boolean atClient, IOException cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
            this.atClient = atClient;
        }

        /** {@return whether the failure was at the client's end} */
        public boolean atClient() {
            return atClient;
        }

        /**
         * {@return whether the client closed or reset its connection: a socket failure or end
         * of stream at its end, not a TLS or protocol error}
         */
        public boolean clientLeft() {
            return atClient && (getCause() instanceof SocketException
                    || getCause() instanceof EOFException);
        }
    }
}
