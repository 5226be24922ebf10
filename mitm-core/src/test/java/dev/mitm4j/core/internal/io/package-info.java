/** Tests of the shared socket streams. */
@NullMarked
package dev.mitm4j.core.internal.io;

import org.jspecify.annotations.NullMarked;
