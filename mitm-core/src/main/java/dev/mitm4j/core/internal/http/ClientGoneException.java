package dev.mitm4j.core.internal.http;

import java.io.IOException;

/** The client left (closed or reset its connection) while its request waited for the server. */
final class ClientGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientGoneException(Throwable cause) {
        super("the client disconnected while its request waited for the server's response",
                cause);
    }
}
