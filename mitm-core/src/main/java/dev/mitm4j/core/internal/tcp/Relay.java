package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.internal.Connection;
import java.io.IOException;
import java.net.Socket;
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
     * @throws IOException the first failure of either direction
     */
    public static void run(Connection connection, Side client, Side server, Chunks chunks)
            throws IOException {
        String connectionId = connection.id();
        AtomicReference<IOException> upFailure = new AtomicReference<>();
        Thread up = connection.threads().startPump(connectionId, "client->server", () -> {
            try {
                pump(connection, true, client, server, chunks);
            } catch (IOException e) {
                upFailure.set(e);
                server.abort();
                client.abort();
            }
        });
        IOException downFailure = null;
        try {
            pump(connection, false, server, client, chunks);
        } catch (IOException e) {
            downFailure = e;
            server.abort();
            client.abort();
        }
        try {
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException first = downFailure != null ? downFailure : upFailure.get();
        if (first != null) {
            throw first;
        }
    }

    private static void pump(Connection connection, boolean fromClient, Side from, Side to,
            Chunks chunks) throws IOException {
        Buffer buffer = new Buffer();
        while (from.source().read(buffer, READ_SIZE) != -1) {
            connection.active();
            chunks.forward(fromClient, buffer, to.sink());
            buffer.clear();
            to.sink().flush();
        }
        to.shutdownOutput();
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
