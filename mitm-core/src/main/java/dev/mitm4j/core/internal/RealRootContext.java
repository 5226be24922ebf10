package dev.mitm4j.core.internal;

import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.http.ClientConnection;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/** The root of one client connection's context chain. */
public final class RealRootContext implements RootContext {
    private final ClientConnection client;
    private final ProxyMode mode;
    private final Services services;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final Connection connection;

    RealRootContext(ClientConnection client, ProxyMode mode, Services services,
            Connection connection) {
        this.client = client;
        this.mode = mode;
        this.services = services;
        this.connection = connection;
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
        return new RealRootContext(client, mode, services, connection);
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
        return services.layers().next(top);
    }

    @Override
    public String toString() {
        return "root(" + connection.id() + ")";
    }
}
