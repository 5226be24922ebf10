package dev.mitm4j.core.internal;

import dev.mitm4j.core.spi.Layer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where the edge code plugs into the engine: the SOCKS5 mode's first layer. The edge engineer
 * replaces the body below; the signature stays.
 */
public final class EdgeHooks {
    private EdgeHooks() {}

    /** {@return a factory of the SOCKS5 mode's first layer, or null when none is installed} */
    public static @Nullable Supplier<Layer> socks5Layer(Services services) {
        dev.mitm4j.core.internal.socks5.Socks5Layer layer =
                new dev.mitm4j.core.internal.socks5.Socks5Layer(services);
        return () -> layer; // stateless: one instance serves every connection
    }
}
