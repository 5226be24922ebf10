package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.Services;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.jspecify.annotations.Nullable;

/**
 * A request body sent to the server on its own thread while the stream's thread reads the
 * response: full duplex, for calls whose client waits for the server's messages before it sends
 * more (gRPC streaming). The stream joins it before the flow ends; its failure becomes the
 * stream's. Started and joined by the stream's thread.
 */
final class RequestPump {
    /** The body's sending, as the pump thread runs it. */
    @FunctionalInterface
    interface Body {
        void send() throws IOException;
    }

    private final Thread thread;
    private volatile @Nullable Throwable failure;

    private RequestPump(Services services, Connection connection, Body body) {
        this.thread = services.threads().startPump(connection.id(), "request body", () -> {
            try {
                body.send();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
        });
    }

    /** {@return a pump already sending {@code body}} */
    static RequestPump start(Services services, Connection connection, Body body) {
        return new RequestPump(services, connection, body);
    }

    /**
     * Waits until the body was sent whole.
     *
     * @throws IOException how sending it failed
     */
    void finish() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the request body streams");
        }
        Throwable e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }

    /** The stream failed: the server connection was dropped, which ends the pump; not waited for. */
    void abandon() {
        thread.interrupt();
    }
}
