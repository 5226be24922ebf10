package dev.mitm4j.examples.proxyprotocol;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.http.ClientConnection;

/**
 * An addon that also hears of PROXY protocol headers: the v2 fields (TLVs) a load balancer adds,
 * such as the client's SNI ({@link ProxyHeader.Tlv#AUTHORITY}) or its connection id
 * ({@link ProxyHeader.Tlv#UNIQUE_ID}).
 *
 * <p>{@link #proxyHeader} runs on the connection's thread after the client's address was set
 * from the header and before any layer above it ran; the rules of {@link Addon} apply.
 */
public interface ProxyProtocolAddon extends Addon {

    /** The event that reaches {@link #proxyHeader}; fired by the PROXY protocol layer. */
    Hook<Received> PROXY_HEADER = Hook.of("proxy_header", (addon, received) -> {
        if (addon instanceof ProxyProtocolAddon listener) {
            listener.proxyHeader(received.client(), received.header());
        }
    });

    /** A header was read on {@code client}'s connection (whose addresses now are the header's). */
    default void proxyHeader(ClientConnection client, ProxyHeader header) {}

    /**
     * The data of {@link #PROXY_HEADER}.
     *
     * @param client the client connection
     * @param header the header read on it
     */
    record Received(ClientConnection client, ProxyHeader header) {}
}
