package dev.mitm4j.core.spi;

import okio.ByteString;

/**
 * The data of the {@code nextLayer} event: the context a layer is chosen for, the bytes the client
 * sent first (peeked, not consumed; possibly empty for server-first protocols), and the layer
 * chosen so far, which an addon may replace with {@link #layer(Layer)}.
 *
 * <p>Not thread-safe: used on the connection's thread only.
 */
public final class NextLayer {
    private final Context context;
    private final ByteString peeked;
    private Layer layer;

    /** Creates the event data for {@code context} with the proxy's own choice {@code layer}. */
    public NextLayer(Context context, ByteString peeked, Layer layer) {
        this.context = context;
        this.peeked = peeked;
        this.layer = layer;
    }

    /** {@return the context the next layer runs in} */
    public Context context() {
        return context;
    }

    /** {@return the first bytes the client sent, not consumed} */
    public ByteString peeked() {
        return peeked;
    }

    /** {@return the layer chosen so far} */
    public Layer layer() {
        return layer;
    }

    /** Replaces the choice. */
    public void layer(Layer layer) {
        this.layer = java.util.Objects.requireNonNull(layer, "layer");
    }
}
