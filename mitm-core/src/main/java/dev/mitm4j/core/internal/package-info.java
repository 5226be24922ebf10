/**
 * The proxy engine: listeners, connections and their threads, the layer stack and the choice of
 * the next layer, the modes' fixed layers, the flows in progress, client replay and the graceful
 * shutdown, and the SPI's implementation ({@code RealRootContext}). The layers themselves are in
 * the {@code http}, {@code tls}, {@code tcp} and {@code socks5} subpackages, which reach the
 * engine through the SPI (all but {@code http}, which still uses the engine's classes), and the
 * socket streams they share in {@code io}. Not API: exported to no module.
 */
@NullMarked
package dev.mitm4j.core.internal;

import org.jspecify.annotations.NullMarked;
