package dev.mitm4j.core.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a client's traffic goes: a host (name or IP literal, without brackets) and a port.
 *
 * @param host the host name or IP literal
 * @param port the TCP port, 1..65535
 */
public record Destination(String host, int port) {

    /** Checks the parts. */
    public Destination {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@return {@code host:port}, IPv6 literals in brackets, as ignore_hosts matches it} */
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** {@return whether both name the same place, ignoring the host's case} */
    public boolean sameAs(Destination other) {
        return port == other.port && host.toLowerCase(Locale.ROOT).equals(
                other.host.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return authority();
    }
}
