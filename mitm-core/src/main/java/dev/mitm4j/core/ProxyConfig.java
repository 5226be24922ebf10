package dev.mitm4j.core;

import dev.mitm4j.core.spi.LayerSelector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The immutable configuration a {@link ProxyServer} was built with: the options, the addons in
 * registration order, and the few engine settings that are not mitmproxy options. A running server
 * is never reconfigured; build a new one instead.
 */
public final class ProxyConfig {
    private final Options options;
    private final List<Addon> addons;
    private final Duration headerTimeout;
    private final Duration connectTimeout;
    private final List<LayerSelector> layerSelectors;

    ProxyConfig(Options options, List<Addon> addons, Duration headerTimeout,
            Duration connectTimeout, List<LayerSelector> layerSelectors) {
        this.options = Objects.requireNonNull(options, "options");
        this.addons = List.copyOf(addons);
        this.headerTimeout = headerTimeout;
        this.connectTimeout = connectTimeout;
        this.layerSelectors = List.copyOf(layerSelectors);
    }

    /** {@return the options} */
    public Options options() {
        return options;
    }

    /** {@return the addons, in the order their events run: built-in ones first} */
    public List<Addon> addons() {
        return addons;
    }

    /**
     * {@return how long a client may take to send a whole request head once it sent its first
     * byte (against slow clients); idle time between requests is {@code tcp_timeout}}
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** {@return how long connecting to an upstream server may take} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * {@return the layer selectors, in the order they are asked before the proxy's own choice
     * of a next layer}
     */
    public List<LayerSelector> layerSelectors() {
        return layerSelectors;
    }
}
