package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.internal.http.UpstreamConnector;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import java.io.IOException;

/** The server end of a tunnel: the connection a CONNECT opened, or a new one. */
final class Tunnels {
    private Tunnels() {}

    static Upstream serverFor(Context context, Services services) throws IOException {
        Upstream preopened = context.get(Upstream.PREOPENED);
        if (preopened != null) {
            return preopened;
        }
        Destination destination = context.require(Context.DESTINATION);
        return new UpstreamConnector(services, (RealRootContext) context.root())
                .open("http", destination, true);
    }

    static Relay.Side clientSide(Context context) {
        RealRootContext root = (RealRootContext) context.root();
        return new Relay.Side(context.clientSource(), context.clientSink(),
                root.connection().socket());
    }

    static Relay.Side serverSide(Upstream upstream) {
        return new Relay.Side(upstream.source(), upstream.sink(), upstream.socket());
    }
}
