package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.tls.ServerTls;
import java.io.IOException;

/**
 * TLS towards servers ({@code https} requests, {@code reverse:https://...}, intercepted tunnels):
 * the interception TLS engine of {@link ServerTls}, which verifies the server unless
 * {@code ssl_insecure}, sends the client's SNI and writes the key log.
 */
final class Tls {
    private Tls() {}

    static Upstream wrap(Upstream plain, Services services, UpstreamConnector connector)
            throws IOException {
        return ServerTls.handshake(plain, connector);
    }
}
