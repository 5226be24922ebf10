/**
 * The HAProxy PROXY protocol, v1 and v2, as a layer added to the proxy's stack with
 * {@link dev.mitm4j.examples.proxyprotocol.ProxyProtocolSelector}; an example of a protocol
 * built only on the public SPI ({@code dev.mitm4j.core.spi}).
 */
@NullMarked
package dev.mitm4j.examples.proxyprotocol;

import org.jspecify.annotations.NullMarked;
