package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.UpstreamConnection;
import java.io.IOException;

/** The server end of a tunnel: the connection a CONNECT opened, or a new one. */
final class Tunnels {
    private Tunnels() {}

    static UpstreamConnection serverFor(Context context) throws IOException {
        UpstreamConnection preopened = context.get(Context.UPSTREAM);
        if (preopened != null) {
            return preopened;
        }
        return context.root().connect(context.require(Context.DESTINATION),
                UpstreamConnection.Transport.TCP);
    }
}
