/**
 * The top of the engine: the listeners that accept connections, the handler that runs each one's
 * layer stack, the choice of the next layer ({@link dev.mitm4j.core.internal.server.Layers}), the
 * root context that offers the SPI to the layers, client replay, and graceful shutdown. Everything
 * else in the engine sits below it: the layers ({@code internal.http}, {@code internal.tls},
 * {@code internal.tcp}, {@code internal.socks5}) and the services they share
 * ({@code dev.mitm4j.core.internal}) never depend on this package.
 */
@NullMarked
package dev.mitm4j.core.internal.server;

import org.jspecify.annotations.NullMarked;
