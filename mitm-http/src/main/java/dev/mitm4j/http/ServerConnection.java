package dev.mitm4j.http;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The connection between the proxy and the upstream server, as mitmproxy's {@code Server}:
 * besides the {@link Connection} facts, the {@link #address()} to connect to (possibly an
 * unresolved host name; {@link #peername()} is the resolved address once connected), when TCP
 * setup completed, and the upstream proxy it goes {@link #via()}. Not thread-safe.
 */
public final class ServerConnection extends Connection {
    private @Nullable InetSocketAddress address;
    private @Nullable Instant timestampTcpSetup;
    private @Nullable String via;

    /** Creates a server connection with no address yet. */
    public ServerConnection() {}

    /** Creates a server connection to {@code address} (which may be unresolved). */
    public ServerConnection(@Nullable InetSocketAddress address) {
        this.address = address;
    }

    /** {@return where to connect, or null when not known yet} */
    public @Nullable InetSocketAddress address() {
        return address;
    }

    /**
     * Sets where to connect.
     *
     * @throws IllegalStateException when the connection is already open (as mitmproxy forbids)
     */
    public void address(@Nullable InetSocketAddress address) {
        if (state() == ConnectionState.OPEN) {
            throw new IllegalStateException("cannot change the address of an open connection");
        }
        this.address = address;
    }

    /** {@return when the TCP handshake completed, or null} */
    public @Nullable Instant timestampTcpSetup() {
        return timestampTcpSetup;
    }

    /** Sets when the TCP handshake completed. */
    public void timestampTcpSetup(@Nullable Instant timestampTcpSetup) {
        this.timestampTcpSetup = timestampTcpSetup;
    }

    /** {@return the upstream proxy spec ("http://proxy:8080") this connection goes via, or null} */
    public @Nullable String via() {
        return via;
    }

    /** Sets the upstream proxy spec. */
    public void via(@Nullable String via) {
        this.via = via;
    }

    /** {@return a copy with the same id and fields} */
    public ServerConnection copy() {
        ServerConnection c = new ServerConnection();
        c.copyFrom(this);
        c.id(id());
        c.address = address;
        c.timestampTcpSetup = timestampTcpSetup;
        c.via = via;
        return c;
    }

    @Override
    public String toString() {
        return "Server(" + address + ", state=" + state() + (tls() ? ", tls" : "") + ")";
    }
}
