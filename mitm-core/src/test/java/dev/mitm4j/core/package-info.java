/** Integration tests of the proxy over loopback. */
@NullMarked
package dev.mitm4j.core;

import org.jspecify.annotations.NullMarked;
