package dev.mitm4j.core;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Connection;
import dev.mitm4j.http.ServerConnection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The data of the TLS handshake events ({@link Addon#tlsEstablishedClient},
 * {@link Addon#tlsEstablishedServer}, {@link Addon#tlsFailedClient},
 * {@link Addon#tlsFailedServer}), as mitmproxy's {@code TlsData}: the connection whose handshake
 * this is, plus the client connection it belongs to. The connection carries the TLS facts
 * (version, cipher, ALPN, SNI, certificates) after success and {@code error()} after failure.
 *
 * @param conn the side that handshook: {@code client} itself, or a server connection
 * @param client the client connection
 * @param server the server connection, or null when the event is about the client side and no
 *     server connection exists yet
 */
public record TlsData(Connection conn, ClientConnection client, @Nullable ServerConnection server) {

    /** Checks the parts. */
    public TlsData {
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(client, "client");
    }

    /** {@return whether this is the client-facing handshake} */
    public boolean isClientSide() {
        return conn == client;
    }
}
