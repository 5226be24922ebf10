package dev.mitm4j.core.internal;

import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.UpstreamConnection;

/**
 * A bridge while the HTTP layer is being rewritten (issue 14): it hands a server connection on
 * under its own key ({@link Upstream#PREOPENED}) and reads it from there, while the other layers
 * speak the SPI ({@link Context#UPSTREAM}). Between two layers, the key set nearest the top is
 * copied to the other one. Goes once the HTTP layer speaks the SPI.
 */
final class HandOver {
    private HandOver() {}

    static Context bridge(Context context) {
        for (Context c = context; c instanceof RealContext real; c = real.parent()) {
            if (real.key() == Upstream.PREOPENED) {
                Upstream upstream = context.require(Upstream.PREOPENED);
                return context.with(Context.UPSTREAM, new RealUpstreamConnection(upstream));
            }
            if (real.key() == Context.UPSTREAM) {
                return context.require(Context.UPSTREAM) instanceof RealUpstreamConnection r
                        ? context.with(Upstream.PREOPENED, r.upstream()) : context;
            }
        }
        return context;
    }
}
