package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.ConnectionLimit;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.tcp.Relay;
import dev.mitm4j.core.internal.tls.ClientTlsException;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.http.ClientConnection;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one client connection on its own virtual thread, from accept to close, and ends in the one
 * catch ladder that decides how a failure is logged. Nothing here touches another connection:
 * even an {@link OutOfMemoryError} ends only this connection (logged at ERROR). The connection's
 * {@link ConnectionLimit} slot, taken by the listener, is given back when it ends.
 */
final class ConnectionHandler implements Runnable {
    private static final AtomicLong IDS = new AtomicLong();

    private final Socket socket;
    private final ProxyMode mode;
    private final Services services;
    private final Listener listener;
    private final String id;

    ConnectionHandler(Socket socket, ProxyMode mode, Services services, Listener listener) {
        this.socket = socket;
        this.mode = mode;
        this.services = services;
        this.listener = listener;
        this.id = "c" + IDS.incrementAndGet();
    }

    String id() {
        return id;
    }

    @Override
    public void run() {
        Connection connection = null;
        ClientConnection client = null;
        try {
            socket.setTcpNoDelay(true);
            connection = new Connection(id, services.threads(), socket);
            listener.track(connection);
            client = newClient();
            services.addons().fire(Hook.CLIENT_CONNECTED, client);
            RealRootContext root = new RealRootContext(client, mode, services,
                    listener.layers(), connection);
            RealLayerChain.run(listener.layers().stackFor(mode), root);
            connection.clientSink().flush();
        } catch (SocketTimeoutException e) {
            Connection.LOG.debug("{}: idle for longer than tcp_timeout, closing", id);
        } catch (ClientTlsException e) {
            e.log(Connection.LOG, id);
        } catch (Relay.EndFailedException e) {
            Connection.LOG.debug("{}: relay ended at the {}: {}", id,
                    e.atClient() ? "client" : "server", e.getMessage());
        } catch (EOFException | SocketException e) {
            Connection.LOG.debug("{}: connection reset or closed: {}", id, e.getMessage());
        } catch (ProtocolException e) {
            Connection.LOG.debug("{}: protocol error from {}: {}", id, peer(), e.getMessage());
        } catch (IOException e) {
            Connection.LOG.debug("{}: I/O failure: {}", id, e.toString());
        } catch (OutOfMemoryError e) {
            // No stack trace: it would cost memory and say nothing. Ending this connection
            // frees what it held; other connections go on.
            Connection.LOG.error("{}: out of memory; connection from {} closed: {}", id, peer(),
                    e.getMessage());
        } catch (RuntimeException | Error e) {
            Connection.LOG.warn("{}: connection failed unexpectedly", id, e);
        } finally {
            services.connectionLimit().release();
            try {
                if (connection != null) {
                    connection.close();
                    listener.forget(connection);
                }
                if (client != null) {
                    client.timestampEnd(Instant.now());
                    services.addons().fire(Hook.CLIENT_DISCONNECTED, client);
                }
            } finally {
                Listener.closeLastResort(socket);
            }
        }
    }

    private ClientConnection newClient() {
        ClientConnection client = new ClientConnection(
                (InetSocketAddress) socket.getRemoteSocketAddress(),
                (InetSocketAddress) socket.getLocalSocketAddress());
        client.proxyMode(mode.toString());
        return client;
    }

    private Object peer() {
        return socket.getRemoteSocketAddress();
    }

    static int millis(java.time.Duration d) {
        long ms = d.toMillis();
        return ms > Integer.MAX_VALUE ? 0 : (int) ms;
    }
}
