package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.spi.Destination;

/** The Host header value for a destination: the port only when it is not the scheme's default. */
final class HostHeaders {
    private HostHeaders() {}

    static String of(String scheme, Destination d) {
        String host = d.host().indexOf(':') >= 0 ? "[" + d.host() + "]" : d.host();
        int defaultPort = scheme.equals("https") ? 443 : 80;
        return d.port() == defaultPort ? host : host + ":" + d.port();
    }
}
