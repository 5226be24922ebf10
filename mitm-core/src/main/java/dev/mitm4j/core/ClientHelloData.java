package dev.mitm4j.core;

import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.tls.ClientHello;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The data of the {@link Addon#tlsClientHello} event, as mitmproxy's {@code ClientHelloData}: the
 * client, where it wants to go, the ClientHello it sent (read without consuming it), and the
 * decision whether to intercept. Setting {@link #ignoreConnection(boolean)} makes the proxy relay
 * the TLS stream byte for byte (passthrough) instead of intercepting it.
 *
 * <p>Not thread-safe: used on the connection's thread only, during the event.
 */
public final class ClientHelloData {
    private final ClientConnection client;
    private final @Nullable Destination destination;
    private final ClientHello clientHello;
    private boolean ignoreConnection;

    /** Creates the event data; {@code ignoreConnection} is the proxy's own choice so far. */
    public ClientHelloData(ClientConnection client, @Nullable Destination destination,
            ClientHello clientHello, boolean ignoreConnection) {
        this.client = Objects.requireNonNull(client, "client");
        this.destination = destination;
        this.clientHello = Objects.requireNonNull(clientHello, "clientHello");
        this.ignoreConnection = ignoreConnection;
    }

    /** {@return the client connection (its sni and alpnOffers are already set)} */
    public ClientConnection client() {
        return client;
    }

    /** {@return where the client's tunnel goes, or null when not known} */
    public @Nullable Destination destination() {
        return destination;
    }

    /** {@return the parsed ClientHello} */
    public ClientHello clientHello() {
        return clientHello;
    }

    /** {@return whether the connection will be passed through instead of intercepted} */
    public boolean ignoreConnection() {
        return ignoreConnection;
    }

    /** Passes the connection through untouched ({@code true}) or intercepts it ({@code false}). */
    public void ignoreConnection(boolean ignore) {
        this.ignoreConnection = ignore;
    }
}
