package dev.mitm4j.core.spi;

/**
 * A time limit on one step of a client connection, from {@link RootContext#deadline}: when it
 * passes before {@link #close()}, the proxy's watchdog closes the connection, so a read that
 * waits for a stalled client fails.
 *
 * <p>One deadline runs per client connection at a time; closing it restarts the idle clock
 * ({@code tcp_timeout}). Not thread-safe: used on the connection's thread.
 */
public interface Deadline extends AutoCloseable {

    /** {@return whether the limit has passed (a failure now is the client's stalling)} */
    boolean passed();

    /** Ends the limit: the step is done. Repeatable. */
    @Override
    void close();
}
