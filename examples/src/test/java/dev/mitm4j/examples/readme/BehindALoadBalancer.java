package dev.mitm4j.examples.readme;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.examples.proxyprotocol.ProxyProtocolSelector;

public final class BehindALoadBalancer {
    /** Starts a reverse proxy to {@code origin} for clients that come through the load balancer. */
    public static ProxyServer start(String origin, int port) {
        return ProxyServer.builder()
                .options(Options.builder().listenPort(port).set("mode", "reverse:" + origin)
                        .build())
                .layerSelector(ProxyProtocolSelector.builder()     // dev.mitm4j.examples
                        .trusted(peer -> peer.getAddress().isLoopbackAddress()) // the balancer
                        .build())
                .build()
                .start();
    }
}
