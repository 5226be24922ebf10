/** Tests of engine internals. */
@NullMarked
package dev.mitm4j.core.internal;

import org.jspecify.annotations.NullMarked;
