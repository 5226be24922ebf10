package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import java.io.IOException;
import java.util.List;

/**
 * The chain a layer sees. The mode's fixed stack runs first; after it, every next layer is chosen
 * by {@link dev.mitm4j.core.spi.RootContext#nextLayer(Context)}. Enforces proceed-once.
 */
public final class RealLayerChain implements LayerChain {
    private final List<Layer> stack;
    private final int index;
    private final Layer current;
    private final Context context;
    private boolean proceeded;

    private RealLayerChain(List<Layer> stack, int index, Layer current, Context context) {
        this.stack = stack;
        this.index = index;
        this.current = current;
        this.context = context;
    }

    /** Runs {@code stack} (then chosen layers) for the connection rooted in {@code context}. */
    public static void run(List<Layer> stack, Context context) throws IOException {
        Layer first = stack.isEmpty() ? context.root().nextLayer(context) : stack.get(0);
        new RealLayerChain(stack, 1, first, context).runCurrent();
    }

    private void runCurrent() throws IOException {
        current.handle(this);
    }

    @Override
    public Context context() {
        return context;
    }

    @Override
    public void proceed(Context next) throws IOException {
        if (proceeded) {
            throw new IllegalStateException(
                    "layer " + current + " must call proceed() at most once");
        }
        proceeded = true;
        Layer layer = index < stack.size() ? stack.get(index) : next.root().nextLayer(next);
        new RealLayerChain(stack, index + 1, layer, next).runCurrent();
    }
}
