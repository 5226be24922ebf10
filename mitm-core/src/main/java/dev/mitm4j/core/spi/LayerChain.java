package dev.mitm4j.core.spi;

import java.io.IOException;

/**
 * The rest of a connection's stack, as seen by one {@link Layer}.
 *
 * <p>The next layer is either the next entry of the mode's fixed stack or, when that is used up,
 * the one {@link RootContext#nextLayer(Context)} chooses by peeking at the client's bytes.
 * Each chain may be proceeded at most once; a second call throws {@link IllegalStateException}
 * naming the offending layer.
 */
public interface LayerChain {

    /** {@return the context of the layer being run} */
    Context context();

    /** Runs the next layer with this layer's own context. */
    default void proceed() throws IOException {
        proceed(context());
    }

    /**
     * Runs the next layer with {@code context}, usually a child made with {@link Context#with}.
     *
     * @throws IllegalStateException when this chain was already proceeded
     */
    void proceed(Context context) throws IOException;
}
