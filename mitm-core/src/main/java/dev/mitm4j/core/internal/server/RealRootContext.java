package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.internal.http.UpstreamConnector;
import dev.mitm4j.core.internal.io.SocketStreams;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Deadline;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.FlowInProgress;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Flow;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/** The root of one client connection's context chain: the SPI over the server's services. */
public final class RealRootContext implements RootContext {
    private final ClientConnection client;
    private final ProxyMode mode;
    private final Services services;
    private final @Nullable Layers layers;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final Connection connection;
    private final BooleanSupplier clientWaiting;
    private @Nullable UpstreamConnector connector;

    RealRootContext(ClientConnection client, ProxyMode mode, Services services,
            @Nullable Layers layers, Connection connection) {
        this.client = client;
        this.mode = mode;
        this.services = services;
        this.layers = layers;
        this.connection = connection;
        this.clientWaiting = connection::awaitingClient;
        this.source = connection.clientSource();
        this.sink = connection.clientSink();
    }

    /**
     * {@return the root of a flow injected by the proxy itself (client replay): {@code client} is
     * the recorded client, {@code mode} picks the upstream route, {@code connection} is
     * {@link Connection#detached detached}}
     */
    public static RealRootContext detached(ClientConnection client, ProxyMode mode,
            Services services, Connection connection) {
        return new RealRootContext(client, mode, services, null, connection);
    }

    /** {@return the server-wide services (addons, rules, flows)} */
    public Services services() {
        return services;
    }

    /** {@return the live connection (sockets to close on kill)} */
    public Connection connection() {
        return connection;
    }

    @Override
    public @Nullable Context parent() {
        return null;
    }

    @Override
    public RootContext root() {
        return this;
    }

    @Override
    public <T> @Nullable T get(Key<T> key) {
        if (key == CLIENT_SOURCE) {
            return key.type().cast(source);
        }
        if (key == CLIENT_SINK) {
            return key.type().cast(sink);
        }
        if (key == SocketStreams.CLIENT_WAITING) {
            return key.type().cast(clientWaiting);
        }
        return null;
    }

    @Override
    public <T> Context with(Key<T> key, T value) {
        return new RealContext(this, key, value);
    }

    @Override
    public ClientConnection client() {
        return client;
    }

    @Override
    public ProxyConfig config() {
        return services.config();
    }

    @Override
    public ProxyMode mode() {
        return mode;
    }

    @Override
    public Logger log() {
        return Connection.LOG;
    }

    @Override
    public Layer nextLayer(Context top) throws IOException {
        if (layers == null) {
            throw new IllegalStateException("a flow the proxy sends itself has no client "
                    + "connection to choose layers for");
        }
        return layers.next(this, top);
    }

    @Override
    public UpstreamConnection connect(Destination destination,
            UpstreamConnection.Transport transport) throws IOException {
        UpstreamConnector c = connector();
        return switch (transport) {
            case TCP -> c.open("http", destination, true);
            case TLS -> c.open("https", destination, false);
            case HTTP -> c.open("http", destination, false);
        };
    }

    @Override
    public UpstreamConnection startTls(UpstreamConnection plain) throws IOException {
        if (!(plain instanceof Upstream upstream)) {
            throw new IllegalArgumentException("not a connection of this proxy: " + plain);
        }
        return connector().startTls(upstream);
    }

    private UpstreamConnector connector() {
        UpstreamConnector c = connector;
        if (c == null) {
            c = new UpstreamConnector(services, this, connection);
            connector = c;
        }
        return c;
    }

    @Override
    public <T> void fire(Hook<T> hook, T argument) {
        services.addons().fire(hook, argument);
    }

    @Override
    public FlowInProgress inProgress(Flow flow) {
        return services.flows().start(flow, connection)::end;
    }

    @Override
    public void active() {
        connection.active();
    }

    @Override
    public Deadline deadline(Duration timeout) {
        long deadline = connection.headStarted(timeout.toNanos());
        return new Deadline() {
            @Override
            public boolean passed() {
                return System.nanoTime() - deadline >= 0;
            }

            @Override
            public void close() {
                connection.headDone();
            }
        };
    }

    @Override
    public void shutdownOutput() throws IOException {
        sink.flush();
        Socket socket = connection.socket();
        if (!socket.isClosed() && !socket.isOutputShutdown()) {
            socket.shutdownOutput();
        }
    }

    @Override
    public void kill() {
        connection.close();
    }

    @Override
    public Thread startThread(String purpose, Runnable task) {
        return connection.threads().startPump(connection.id(), purpose, () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                Connection.LOG.warn("{}: {} failed unexpectedly", connection.id(), purpose, e);
            }
        });
    }

    @Override
    public String toString() {
        return "root(" + connection.id() + ")";
    }
}
