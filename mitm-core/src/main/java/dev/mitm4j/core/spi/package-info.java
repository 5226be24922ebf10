/**
 * Extending the protocol stack: {@link dev.mitm4j.core.spi.Layer},
 * {@link dev.mitm4j.core.spi.LayerChain}, {@link dev.mitm4j.core.spi.Context},
 * {@link dev.mitm4j.core.spi.RootContext}. Plug a layer in from an addon's
 * {@code nextLayer} event with {@link dev.mitm4j.core.spi.NextLayer#layer(Layer)}.
 */
@NullMarked
package dev.mitm4j.core.spi;

import org.jspecify.annotations.NullMarked;
