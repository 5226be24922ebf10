package dev.mitm4j.core;

import java.io.IOException;

/**
 * The proxy could not open a connection to a server (refused, unreachable, unknown host, timed
 * out, or an upstream proxy refused the CONNECT). The client then gets a {@code 502}.
 */
public final class UpstreamConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String address;

    /** Creates the exception for {@code address} ({@code host:port}). */
    public UpstreamConnectException(String address, String reason, Throwable cause) {
        super("cannot connect to " + address + ": " + reason, cause);
        this.address = address;
    }

    /** Creates the exception for {@code address} without an underlying cause. */
    public UpstreamConnectException(String address, String reason) {
        super("cannot connect to " + address + ": " + reason);
        this.address = address;
    }

    /** {@return the {@code host:port} that could not be reached} */
    public String address() {
        return address;
    }
}
