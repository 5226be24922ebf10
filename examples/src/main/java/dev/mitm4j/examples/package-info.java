/**
 * Runnable examples and the mitmdump-compatible command line.
 */
@NullMarked
package dev.mitm4j.examples;

import org.jspecify.annotations.NullMarked;
