package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import java.io.IOException;

/** Reverse mode: every connection goes to the one configured destination. */
final class ReverseLayer implements Layer {
    private final Destination destination;

    ReverseLayer(ProxyMode.Reverse mode) {
        this.destination = new Destination(mode.host(), mode.port());
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        chain.proceed(chain.context().with(Context.DESTINATION, destination));
    }

    @Override
    public String toString() {
        return "reverse(" + destination + ")";
    }
}
