package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.UpstreamConnection;
import java.io.IOException;

/**
 * Relays a tunnel byte for byte with no events: {@code ignore_hosts}, {@code allow_hosts}, and
 * TLS the TLS layer does not intercept ({@code tls_passthrough_untrusted}, an addon's
 * {@code tlsClientHello}). Stateless: one instance serves every connection.
 */
public final class PassthroughLayer implements Layer {

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        try (UpstreamConnection server = Tunnels.serverFor(context)) {
            Relay.run(context.root(), Relay.End.client(context), Relay.End.server(server),
                    Relay.Chunks.UNCHANGED);
        }
    }

    @Override
    public String toString() {
        return "passthrough";
    }
}
