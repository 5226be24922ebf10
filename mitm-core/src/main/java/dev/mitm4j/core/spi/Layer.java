package dev.mitm4j.core.spi;

import java.io.IOException;

/**
 * One protocol layer of a client connection's stack, in the manner of mitmproxy's layers and
 * OkHttp's interceptors.
 *
 * <p>A layer handles the connection from the point where the previous layer handed it over. It
 * reads what it needs through {@link LayerChain#context()} (the client streams, the destination,
 * the configuration) and either finishes the connection itself (an HTTP layer serving requests
 * until the client goes away) or hands it to the next layer with {@link LayerChain#proceed()} or
 * {@link LayerChain#proceed(Context)} (a CONNECT request handing the tunnel on). A layer calls
 * {@code proceed} at most once; the chain throws {@link IllegalStateException} on a second call.
 *
 * <p>Threads: {@link #handle} runs on the connection's virtual thread and may block. Layers are
 * created per connection unless they are stateless.
 *
 * <p>Errors: an {@link IOException} ends the connection; it is logged by the connection's catch
 * ladder (client resets at DEBUG, anything else at WARN) and never affects another connection.
 */
@FunctionalInterface
public interface Layer {

    /**
     * Handles the connection until it ends or until this layer hands it on.
     *
     * @param chain the chain, giving this layer's context and the way to the next layer
     * @throws IOException when the connection fails; the connection is then closed
     */
    void handle(LayerChain chain) throws IOException;
}
