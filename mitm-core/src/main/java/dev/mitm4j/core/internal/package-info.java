/**
 * The proxy engine: listeners, connection handling, the layer stack, the HTTP/1 and TCP layers,
 * the modes. Not API: exported only to sibling modules.
 */
@NullMarked
package dev.mitm4j.core.internal;

import org.jspecify.annotations.NullMarked;
