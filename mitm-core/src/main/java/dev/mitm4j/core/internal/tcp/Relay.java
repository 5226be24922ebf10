package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.internal.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
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

    private Relay() {}

    /**
     * Relays until both directions ended.
     *
     * @throws EndFailedException the first failure of either direction, naming the end it
     *     happened at
     */
    public static void run(Connection connection, Side client, Side server, Chunks chunks)
            throws IOException {
        AtomicReference<EndFailedException> first = new AtomicReference<>();
        Thread up = connection.threads().startPump(connection.id(), "client->server",
                () -> pumpOrAbort(connection, true, client, server, chunks, first));
        pumpOrAbort(connection, false, client, server, chunks, first);
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
    private static void pumpOrAbort(Connection connection, boolean fromClient, Side client,
            Side server, Chunks chunks, AtomicReference<EndFailedException> first) {
        try {
            pump(connection, fromClient, fromClient ? client : server,
                    fromClient ? server : client, chunks);
        } catch (EndFailedException e) {
            first.compareAndSet(null, e);
            server.abort();
            client.abort();
        }
    }

    private static void pump(Connection connection, boolean fromClient, Side from, Side to,
            Chunks chunks) throws EndFailedException {
        Buffer buffer = new Buffer();
        while (read(fromClient, from, buffer) != -1) {
            connection.active();
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

    private static long read(boolean fromClient, Side from, Buffer buffer)
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

    /**
     * One end of a relay: its streams and socket.
     *
     * @param source bytes from this end
     * @param sink bytes to this end
     * @param socket the socket, for half-close and abort
     */
    public record Side(BufferedSource source, BufferedSink sink, Socket socket) {
        void shutdownOutput() {
            try {
                sink.flush();
                if (!socket.isClosed() && !socket.isOutputShutdown()) {
                    socket.shutdownOutput();
                }
            } catch (IOException | UnsupportedOperationException e) {
                // SSLSocket has no half-close: shutdownOutput() throws UnsupportedOperationException.
                abort();
            }
        }

        void abort() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing on the failure path; the first failure is reported
            }
        }
    }
}
