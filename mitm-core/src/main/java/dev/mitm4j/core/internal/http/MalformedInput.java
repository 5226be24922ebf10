package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.http.HttpParseException;

/**
 * Malformed input from a client ({@code what}: "request", "request body") is logged once, at
 * INFO with the client's address, and as an {@code add_log} event. The codec's message names
 * the problem, the offset and the parser state, never a header value or body byte.
 */
final class MalformedInput {
    private MalformedInput() {}

    static void report(Services services, Connection connection, String what,
            HttpParseException e) {
        String message = "malformed " + what + " from "
                + connection.peer() + ": " + e.getMessage();
        services.log().info("{}: {}", connection.id(), message);
        services.addons().fire(Hook.ADD_LOG, new LogEntry("info", message));
    }
}
