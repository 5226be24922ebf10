/**
 * Extending the protocol stack. A {@link dev.mitm4j.core.spi.Layer} handles a client connection
 * from where the previous layer handed it over ({@link dev.mitm4j.core.spi.LayerChain}), reads
 * its {@link dev.mitm4j.core.spi.Context}, and asks the proxy through the
 * {@link dev.mitm4j.core.spi.RootContext} for everything else: connections to servers
 * ({@link dev.mitm4j.core.spi.UpstreamConnection}), addon events
 * ({@link dev.mitm4j.core.spi.Hook}), flows in progress, deadlines, kill. The proxy's own layers
 * (TLS, raw TCP, SOCKS5, reverse) use nothing else.
 *
 * <p>Add a protocol with a {@link dev.mitm4j.core.spi.LayerSelector} registered on
 * {@code ProxyServer.Builder.layerSelector}: it recognises the client's first bytes before the
 * proxy's own choice. An addon's {@code nextLayer} event can still replace any choice with
 * {@link dev.mitm4j.core.spi.NextLayer#layer(Layer)}.
 */
@NullMarked
package dev.mitm4j.core.spi;

import org.jspecify.annotations.NullMarked;
