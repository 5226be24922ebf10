/**
 * ProxyServer, FlowMaster, Options, Addon, the layer stack, modes and built-in addons.
 */
@NullMarked
package dev.mitm4j.core.spi;

import org.jspecify.annotations.NullMarked;
