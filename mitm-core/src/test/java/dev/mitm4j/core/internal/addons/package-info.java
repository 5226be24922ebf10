/** Tests of the built-in traffic addons, through the real proxy over loopback. */
@NullMarked
package dev.mitm4j.core.internal.addons;

import org.jspecify.annotations.NullMarked;
