package dev.mitm4j.core.internal.http;

import java.io.IOException;

/**
 * The server sent no byte of its response for the response timeout ({@code tcp_timeout}); the
 * client gets {@code 504 Gateway Timeout} with this message.
 */
final class ResponseTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTimeoutException(String server, long seconds, Throwable cause) {
        super("the server " + server + " sent no response within " + seconds
                + " s (tcp_timeout)", cause);
    }
}
