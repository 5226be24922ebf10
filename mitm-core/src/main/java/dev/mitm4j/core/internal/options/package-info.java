/**
 * The table behind {@link dev.mitm4j.core.Options}: option definitions, value syntax, size parsing
 * and the close-match suggestions of error messages. Not API.
 */
@NullMarked
package dev.mitm4j.core.internal.options;

import org.jspecify.annotations.NullMarked;
