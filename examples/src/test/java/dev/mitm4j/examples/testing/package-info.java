/**
 * Runnable examples of testing with mitm4j's testkit: {@code @WithMitmProxy}, recorded flows,
 * addons in tests, and faults crafted with pathod specs.
 */
@NullMarked
package dev.mitm4j.examples.testing;

import org.jspecify.annotations.NullMarked;
