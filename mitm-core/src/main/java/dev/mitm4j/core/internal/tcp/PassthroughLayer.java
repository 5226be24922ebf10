package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import java.io.IOException;

/**
 * Relays a tunnel byte for byte with no events: {@code ignore_hosts}, {@code allow_hosts}, and
 * TLS the TLS layer does not intercept ({@code tls_passthrough_untrusted}, an addon's
 * {@code tlsClientHello}).
 */
public final class PassthroughLayer implements Layer {
    private final Services services;

    public PassthroughLayer(Services services) {
        this.services = services;
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        try (Upstream server = Tunnels.serverFor(context, services)) {
            Relay.run(((dev.mitm4j.core.internal.RealRootContext) context.root()).connection(),
                    Tunnels.clientSide(context),
                    Tunnels.serverSide(server), Relay.Chunks.UNCHANGED);
        }
    }

    @Override
    public String toString() {
        return "passthrough";
    }
}
