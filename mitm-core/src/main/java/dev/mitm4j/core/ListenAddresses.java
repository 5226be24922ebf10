package dev.mitm4j.core;

import java.net.InetSocketAddress;

/** Where each mode listens: {@link Options#listenHostFor} and {@link Options#listenPortFor}. */
final class ListenAddresses {
    private ListenAddresses() {}

    static InetSocketAddress of(Options options, ProxyMode mode) {
        String host = options.listenHostFor(mode);
        int port = options.listenPortFor(mode);
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
