@NullMarked
package dev.mitm4j.filter.internal;

import org.jspecify.annotations.NullMarked;
