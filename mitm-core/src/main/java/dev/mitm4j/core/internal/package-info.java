/**
 * Implementation of mitm-core; not API.
 */
@NullMarked
package dev.mitm4j.core.internal;

import org.jspecify.annotations.NullMarked;
