package dev.mitm4j.core.spi;

/**
 * A flow registered with {@link RootContext#inProgress}: until {@link #close()}, the server's
 * {@code FlowMaster} lists it, {@code kill} on it closes its client connection, and a graceful
 * shutdown waits for it.
 *
 * <p>Close it once the flow's last event ran; repeatable, from any thread.
 */
@FunctionalInterface
public interface FlowInProgress extends AutoCloseable {

    /** The flow ended: it is no longer live and no longer reaches its connection. */
    @Override
    void close();
}
