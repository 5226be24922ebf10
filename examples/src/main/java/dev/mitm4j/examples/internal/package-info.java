/**
 * The pieces of the mitmdump command line: argument parsing, the flow printer, option listing.
 */
@NullMarked
package dev.mitm4j.examples.internal;

import org.jspecify.annotations.NullMarked;
